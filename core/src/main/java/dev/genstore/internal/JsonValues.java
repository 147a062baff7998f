package dev.genstore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.errors.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;

/**
 * JSON-valued fields (job parameters, configuration settings): checked to be JSON values and returned the way they will
 * read back from storage, so what a caller gets from a write equals what a later read gives.
 */
final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final int MAX_CHARS = 1_000_000;
    /** Jackson's own limit on nesting when it writes. */
    private static final int MAX_DEPTH = 1000;

    private JsonValues() {
    }

    static Map<String, Object> normalize(String field, Map<String, Object> values) {
        Validate.notNull(field, values);
        // Jackson would write any bean (a Thread, say) as an object, and NaN or infinity as a string: refuse them here.
        checkValue(field, values, 0);
        String json;
        try {
            json = MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(field, "must hold JSON values only (strings, numbers, booleans, lists, maps): "
                    + e.getMessage());
        }
        if (json.length() > MAX_CHARS) {
            throw new InvalidInputException(field, "must be at most " + MAX_CHARS + " characters as JSON, was " + json.length());
        }
        try {
            return Collections.unmodifiableMap(MAPPER.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not read what it wrote", e);
        }
    }

    /** Fails unless {@code value} is null, a string, a finite number, a boolean, or a list or string-keyed map of such. */
    private static void checkValue(String field, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(field, "must not nest deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte || value instanceof BigInteger
                || value instanceof BigDecimal) {
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            if (!Double.isFinite(((Number) value).doubleValue())) {
                throw new InvalidInputException(field, "must hold finite numbers only, not " + value);
            }
            return;
        }
        if (value instanceof Collection<?> list) {
            for (Object item : list) {
                checkValue(field, item, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof String)) {
                    throw new InvalidInputException(field, "must have string keys only, not " + entry.getKey());
                }
                checkValue(field, entry.getValue(), depth + 1);
            }
            return;
        }
        throw new InvalidInputException(field, "must hold JSON values only (strings, numbers, booleans, lists, maps), not a "
                + value.getClass().getName());
    }
}
