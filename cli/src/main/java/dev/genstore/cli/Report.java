package dev.genstore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command prints on stdout: ordered keys and values, nested maps for groups. Text is one {@code key: value} per
 * line with dotted keys for groups ({@code rows.users: 3}) and 1-based indexes for lists ({@code problems.1.check:
 * ledger}), so {@code grep}/{@code awk} can read it; {@code --json} prints the same as one JSON object (lists as arrays).
 * Stored names reach the text as keys and values (a model name, a provider), so the text escapes them (see
 * {@link #escape}): a name cannot break a line, reorder what a terminal shows, or forge a {@code key: value} pair.
 */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final Map<String, Object> values = new LinkedHashMap<>();

    Report put(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** A group of values under {@code key}; created on first use. */
    @SuppressWarnings("unchecked")
    Map<String, Object> group(String key) {
        return (Map<String, Object>) values.computeIfAbsent(key, k -> new LinkedHashMap<String, Object>());
    }

    void print(PrintWriter out, boolean json) {
        if (json) {
            try {
                out.println(JSON.writeValueAsString(values));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write the report as JSON", e);
            }
        } else {
            printText(out, "", values);
        }
        out.flush();
    }

    private static void printText(PrintWriter out, String prefix, Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            printValue(out, prefix + escapeKey(String.valueOf(e.getKey())), e.getValue());
        }
    }

    private static void printValue(PrintWriter out, String key, Object value) {
        if (value instanceof Map<?, ?> nested) {
            printText(out, key + ".", nested);
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                printValue(out, key + "." + (i + 1), list.get(i));
            }
        } else {
            out.println(key + ": " + escape(String.valueOf(value)));
        }
    }

    /**
     * {@code text} with a backslash doubled, and every control character, format character (such as U+202E, which
     * reverses what follows on a terminal), line or paragraph separator and lone surrogate written as {@code \\uXXXX}.
     */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean pairedSurrogate = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (c == '\\') {
                escaped.append("\\\\");
            } else if (pairedSurrogate) {
                escaped.append(c).append(text.charAt(++i));
            } else if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || Character.isSurrogate(c)) {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** A key as {@link #escape} writes it, with colons and whitespace escaped too: a key stays one token before ": ". */
    static String escapeKey(String key) {
        StringBuilder escaped = new StringBuilder(key.length());
        String text = escape(key);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':' || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                escaped.append(String.format("\\u%04X", (int) c));
            } else {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
