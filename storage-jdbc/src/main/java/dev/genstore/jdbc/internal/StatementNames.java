package dev.genstore.jdbc.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names SQL statements for the slow-operation log: the verb and the table, e.g. {@code UPDATE token_accounts} or
 * {@code SELECT jobs FOR UPDATE}. A name is built from keywords and the identifier that follows FROM, INTO or UPDATE,
 * and string literals are skipped, so it can never hold a value (values are bound parameters anyway).
 */
public final class StatementNames {
    /** Distinct SQL texts whose names are remembered; generated SQL (IN lists) beyond it is named each time. */
    private static final int MAX_CACHED = 4_096;
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();
    private static final Set<String> VERBS = Set.of("SELECT", "INSERT", "UPDATE", "DELETE");
    private static final Set<String> NOT_A_TABLE = Set.of("SELECT", "FINAL", "TABLE", "LATERAL", "ONLY", "NEW", "OLD");

    private StatementNames() {
    }

    /** The name of {@code sql}; {@code SQL} when it has no recognizable verb. */
    public static String of(String sql) {
        String name = CACHE.get(sql);
        if (name == null) {
            name = derive(sql);
            if (CACHE.size() < MAX_CACHED) {
                CACHE.put(sql, name);
            }
        }
        return name;
    }

    static String derive(String sql) {
        List<String> words = words(sql);
        if (words.isEmpty()) {
            return "SQL";
        }
        if (words.get(0).equalsIgnoreCase("WITH")) {
            return withName(words);
        }
        // H2's SELECT … FROM FINAL TABLE (UPDATE …): the change it runs is what names it.
        for (int i = 3; i < words.size(); i++) {
            if (words.get(i - 2).equalsIgnoreCase("TABLE") && words.get(i - 1).equals("(")
                    && Set.of("FINAL", "NEW", "OLD").contains(words.get(i - 3).toUpperCase(Locale.ROOT))
                    && VERBS.contains(words.get(i).toUpperCase(Locale.ROOT))) {
                return name(words.subList(i, words.size()));
            }
        }
        return name(words);
    }

    /**
     * A statement with common table expressions is named by each statement it runs, in order and without repeats:
     * {@code WITH d AS (UPDATE token_accounts …), e AS (INSERT INTO ledger_entries …) SELECT … FROM d} is
     * {@code UPDATE token_accounts, INSERT ledger_entries, SELECT d}.
     */
    private static String withName(List<String> words) {
        Set<String> parts = new LinkedHashSet<>();
        for (int i = 1; i < words.size(); i++) {
            String previous = words.get(i - 1);
            boolean startsAStatement = previous.equals("(") || previous.equals(")");
            if (startsAStatement && VERBS.contains(words.get(i).toUpperCase(Locale.ROOT))) {
                parts.add(name(words.subList(i, words.size())));
            }
        }
        return parts.isEmpty() ? "WITH" : String.join(", ", parts);
    }

    private static String name(List<String> words) {
        String verb = words.get(0).toUpperCase(Locale.ROOT);
        String table = switch (verb) {
            case "INSERT", "MERGE", "REPLACE" -> after(words, "INTO");
            case "UPDATE" -> words.size() > 1 && isTable(words.get(1)) ? words.get(1) : null;
            default -> after(words, "FROM");
        };
        StringBuilder name = new StringBuilder(verb);
        if (table != null) {
            name.append(' ').append(table);
        }
        for (int i = 1; i < words.size(); i++) {
            if (words.get(i - 1).equalsIgnoreCase("FOR") && words.get(i).equalsIgnoreCase("UPDATE")) {
                name.append(" FOR UPDATE");
                break;
            }
        }
        return name.toString();
    }

    /** The first table named right after {@code keyword}. */
    private static String after(List<String> words, String keyword) {
        for (int i = 0; i + 1 < words.size(); i++) {
            if (words.get(i).equalsIgnoreCase(keyword) && isTable(words.get(i + 1))) {
                return words.get(i + 1);
            }
        }
        return null;
    }

    private static boolean isTable(String word) {
        return Character.isLetter(word.charAt(0)) || word.charAt(0) == '_'
                ? !NOT_A_TABLE.contains(word.toUpperCase(Locale.ROOT)) : false;
    }

    /**
     * The words of {@code sql} in order: runs of letters, digits, {@code _}, {@code .} and {@code $}; any other
     * character (a parenthesis, an operator) ends a word and is a word of its own, so {@code FROM (} is not followed by
     * a table. String literals and comments are skipped.
     */
    private static List<String> words(String sql) {
        List<String> words = new ArrayList<>();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '\'') {
                i = sql.indexOf('\'', i + 1);
                i = i < 0 ? n : i + 1; // a doubled quote inside is two literals: still skipped
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                i = sql.indexOf('\n', i);
                i = i < 0 ? n : i + 1;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                i = sql.indexOf("*/", i + 2);
                i = i < 0 ? n : i + 2;
            } else if (isWordChar(c)) {
                int start = i;
                while (i < n && isWordChar(sql.charAt(i))) {
                    i++;
                }
                words.add(sql.substring(start, i));
            } else {
                if (!Character.isWhitespace(c)) {
                    words.add(String.valueOf(c));
                }
                i++;
            }
        }
        return words;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '$';
    }
}
