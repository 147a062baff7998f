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
            printValue(out, prefix + e.getKey(), e.getValue());
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
            out.println(key + ": " + value);
        }
    }
}
