package dev.genstore.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a command prints on stdout: ordered keys and values, nested maps for groups. Text is one {@code key: value} per
 * line with dotted keys for groups ({@code rows.users: 3}), so {@code grep}/{@code awk} can read it; {@code --json}
 * prints the same as one JSON object.
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
            String key = prefix + e.getKey();
            if (e.getValue() instanceof Map<?, ?> nested) {
                printText(out, key + ".", nested);
            } else {
                out.println(key + ": " + e.getValue());
            }
        }
    }
}
