package dev.genstore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.errors.InvalidInputException;
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

    private JsonValues() {
    }

    static Map<String, Object> normalize(String field, Map<String, Object> values) {
        Validate.notNull(field, values);
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
}
