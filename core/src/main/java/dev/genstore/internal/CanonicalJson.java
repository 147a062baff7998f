package dev.genstore.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.errors.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical JSON of a configuration and its SHA-256. Canonical form: object keys sorted as Java strings (UTF-16
 * code units, as RFC 8785 does), no whitespace, strings escaped as Jackson writes them, and each number written from
 * its exact decimal value with trailing zeros stripped ({@code 1}, {@code 1.0}, {@code 1e0} are all {@code 1}): plain
 * digits for integers below 10^21 and fractions of at most 30 decimals, otherwise {@code <unscaled>E<exponent>}.
 * Non-integers go through {@code double} first (as a JSON parser reads them), so {@code 0.1} typed in Java and
 * {@code 0.10} in text are one value.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private CanonicalJson() {
    }

    /** The hash of a configuration given as JSON values (checked like every JSON field). */
    public static String hash(String field, Map<String, Object> configuration) {
        return sha256(canonical(JsonValues.normalize(field, configuration)));
    }

    /** The hash of a configuration given as a JSON object in text. */
    public static String hash(String field, String json) {
        Validate.notNull(field, json);
        Map<String, Object> parsed;
        try {
            parsed = MAPPER.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(field, "must be a JSON object: " + Validate.quote(e.getOriginalMessage()));
        }
        if (parsed == null) {
            throw new InvalidInputException(field, "must be a JSON object, not null");
        }
        return hash(field, parsed);
    }

    public static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            try {
                out.append(MAPPER.writeValueAsString(s));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Number n) {
            out.append(number(n));
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            map.forEach((k, v) -> sorted.put((String) k, v));
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else {
            throw new IllegalStateException("not a JSON value: " + value.getClass());
        }
    }

    public static String number(Number n) {
        BigDecimal v;
        if (n instanceof BigDecimal d) {
            v = d;
        } else if (n instanceof BigInteger i) {
            v = new BigDecimal(i);
        } else if (n instanceof Double || n instanceof Float) {
            v = new BigDecimal(Double.toString(n.doubleValue()));
        } else {
            v = BigDecimal.valueOf(n.longValue());
        }
        if (v.signum() == 0) {
            return "0";
        }
        v = v.stripTrailingZeros();
        if (v.scale() <= 0 && v.precision() - v.scale() <= 21) {
            return v.toBigIntegerExact().toString();
        }
        if (v.scale() > 0 && v.scale() <= 30) {
            return v.toPlainString();
        }
        return v.unscaledValue() + "E" + (-v.scale());
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
