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
public final class JsonValues {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    /** The longest JSON text of one field. */
    static final int MAX_CHARS = 1_000_000;
    /** The deepest nesting of lists and maps (well inside Jackson's own limit of 1,000 when it reads back). */
    static final int MAX_DEPTH = 100;
    /** The longest map key. */
    static final int MAX_KEY_CHARS = 1_000;
    /** The most significant digits of a number (Jackson reads back at most 1,000). */
    static final int MAX_DIGITS = 100;
    /** The largest decimal exponent of a number, in either direction (what a double can hold). */
    static final int MAX_EXPONENT = 308;

    private JsonValues() {
    }

    public static Map<String, Object> normalize(String field, Map<String, Object> values) {
        Validate.notNull(field, values);
        // Jackson would write any bean (a Thread, say) as an object, and NaN or infinity as a string: refuse them here.
        checkValue(field, values, 0);
        String json;
        try {
            json = MAPPER.writeValueAsString(values);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(field, "must hold JSON values only (strings, numbers, booleans, lists, maps): "
                    + Validate.quote(e.getMessage()));
        }
        if (json.length() > MAX_CHARS) {
            throw new InvalidInputException(field, "must be at most " + MAX_CHARS + " characters as JSON, was " + json.length());
        }
        try {
            return Collections.unmodifiableMap(MAPPER.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            // The limits above keep within Jackson's reading constraints; should one still be hit, it is the input's fault.
            throw new InvalidInputException(field, "cannot be read back as JSON: " + Validate.quote(e.getOriginalMessage()));
        }
    }

    /** Fails unless {@code value} is null, a string, a finite number, a boolean, or a list or string-keyed map of such. */
    private static void checkValue(String field, Object value, int depth) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(field, "must not nest deeper than " + MAX_DEPTH + " levels");
        }
        if (value == null || value instanceof Boolean || value instanceof Integer
                || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return;
        }
        if (value instanceof String text) {
            Validate.freeTextCharacters(field, text);
            return;
        }
        if (value instanceof BigInteger integer) {
            checkMagnitude(field, new BigDecimal(integer));
            return;
        }
        if (value instanceof BigDecimal decimal) {
            checkMagnitude(field, decimal);
            return;
        }
        if (value instanceof Double || value instanceof Float) {
            if (!Double.isFinite(((Number) value).doubleValue())) {
                throw new InvalidInputException(field, "must hold finite numbers only, not " + Validate.quote(value));
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
                if (!(entry.getKey() instanceof String key)) {
                    throw new InvalidInputException(field, "must have string keys only, not "
                            + (entry.getKey() == null ? "null" : "a " + entry.getKey().getClass().getName()));
                }
                if (key.length() > MAX_KEY_CHARS) {
                    throw new InvalidInputException(field, "must have keys of at most " + MAX_KEY_CHARS
                            + " characters, not " + key.length());
                }
                Validate.freeTextCharacters(field, key);
                checkValue(field, entry.getValue(), depth + 1);
            }
            return;
        }
        throw new InvalidInputException(field, "must hold JSON values only (strings, numbers, booleans, lists, maps), not a "
                + value.getClass().getName());
    }

    private static void checkMagnitude(String field, BigDecimal number) {
        BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
        long exponent = (long) stripped.precision() - stripped.scale() - 1;
        if (stripped.precision() > MAX_DIGITS || Math.abs(exponent) > MAX_EXPONENT) {
            throw new InvalidInputException(field, "must hold numbers of at most " + MAX_DIGITS
                    + " significant digits and a decimal exponent within ±" + MAX_EXPONENT);
        }
    }
}
