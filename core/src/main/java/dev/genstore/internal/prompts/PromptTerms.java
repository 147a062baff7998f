package dev.genstore.internal.prompts;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Cuts normalized prompt text into the terms the full-text index holds: words of letters, digits and marks; and for
 * Chinese and Japanese text, which has no spaces, every character and every pair of adjacent characters. A query is
 * cut the same way, except that a run of two or more such characters becomes its pairs only, so a two-character word
 * finds every prompt containing it on every backend. Terms hold no character any search syntax gives a meaning to.
 */
final class PromptTerms {
    /** The longest term kept; longer words are cut (on both sides alike). */
    static final int MAX_TERM = 64;

    private PromptTerms() {
    }

    /** The distinct terms of a prompt's normalized text, in order of first appearance. */
    static List<String> index(String normalized) {
        return new ArrayList<>(cut(normalized, true));
    }

    /** The distinct terms of a normalized query. */
    static List<String> query(String normalized) {
        return new ArrayList<>(cut(normalized, false));
    }

    private static Set<String> cut(String text, boolean forIndex) {
        Set<String> terms = new LinkedHashSet<>();
        StringBuilder word = new StringBuilder();
        List<String> ideographs = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (isIdeographic(cp)) {
                flushWord(word, terms);
                ideographs.add(new String(Character.toChars(cp)));
            } else if (isWordChar(cp)) {
                flushIdeographs(ideographs, terms, forIndex);
                word.appendCodePoint(cp);
            } else {
                flushWord(word, terms);
                flushIdeographs(ideographs, terms, forIndex);
            }
        }
        flushWord(word, terms);
        flushIdeographs(ideographs, terms, forIndex);
        return terms;
    }

    private static void flushWord(StringBuilder word, Set<String> terms) {
        if (word.length() > 0) {
            String term = word.toString();
            if (term.codePointCount(0, term.length()) > MAX_TERM) {
                term = term.substring(0, term.offsetByCodePoints(0, MAX_TERM));
            }
            terms.add(term);
            word.setLength(0);
        }
    }

    private static void flushIdeographs(List<String> run, Set<String> terms, boolean forIndex) {
        if (run.isEmpty()) {
            return;
        }
        if (forIndex || run.size() == 1) {
            terms.addAll(run);
        }
        for (int k = 0; k + 1 < run.size(); k++) {
            terms.add(run.get(k) + run.get(k + 1));
        }
        run.clear();
    }

    private static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static boolean isIdeographic(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || cp == 0x30FC || cp == 0x3005;
    }
}
