package dev.genstore.internal.cache;

import dev.genstore.internal.CanonicalJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hashes of the configurations a store was asked for lately. An application asks for the same few configurations
 * (a model, a size, a sampler) on every cache get, and checking and hashing one (JSON out, JSON back in, canonical form,
 * SHA-256) costs more than the rest of a hit's work in Java. A configuration is remembered by a private deep copy of
 * it, so a caller that changes its map afterwards cannot make a stale entry match; only configurations made of plain
 * immutable JSON values (strings, booleans, the JDK's own number classes, lists and string-keyed maps of them, at most
 * {@value #MAX_DEPTH} levels and {@value #MAX_VALUES} values) are remembered, the rest are hashed each time. A
 * configuration is remembered only after it passed every check, so a remembered one needs none.
 */
final class ConfigurationHashes {
    /** How many configurations are remembered; past that the memory starts again (a few are the common case). */
    static final int CAPACITY = 256;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_VALUES = 256;

    private final ConcurrentHashMap<Object, String> hashes = new ConcurrentHashMap<>();

    String hash(Map<String, Object> configuration) {
        Object key = Copy.of(configuration);
        if (key != null) {
            String known = hashes.get(key);
            if (known != null) {
                return known;
            }
        }
        String hash = CanonicalJson.hash("configuration", configuration);
        if (key != null) {
            if (hashes.size() >= CAPACITY) {
                hashes.clear();
            }
            hashes.put(key, hash);
        }
        return hash;
    }

    /** A deep copy with the same {@code equals} as the original, or {@code null} when the value is not rememberable. */
    private static final class Copy {
        private int values;

        static Object of(Map<String, Object> configuration) {
            return configuration == null ? null : new Copy().value(configuration, 0);
        }

        private Object value(Object value, int depth) {
            if (++values > MAX_VALUES || depth > MAX_DEPTH) {
                return null;
            }
            if (value == null) {
                return Null.VALUE;
            }
            Class<?> type = value.getClass();
            if (type == String.class || type == Boolean.class || type == Integer.class || type == Long.class
                    || type == Double.class || type == Float.class || type == Short.class || type == Byte.class
                    || type == BigDecimal.class || type == BigInteger.class) {
                return value;
            }
            if (value instanceof Map<?, ?> map) {
                Map<Object, Object> copy = new HashMap<>(Math.max(4, map.size() * 2));
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    if (!(e.getKey() instanceof String)) {
                        return null;
                    }
                    Object v = value(e.getValue(), depth + 1);
                    if (v == null) {
                        return null;
                    }
                    copy.put(e.getKey(), v);
                }
                return new Node(copy);
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>(list.size());
                for (Object item : list) {
                    Object v = value(item, depth + 1);
                    if (v == null) {
                        return null;
                    }
                    copy.add(v);
                }
                return new Node(copy);
            }
            return null;
        }
    }

    /**
     * A copied map or list. Wrapped so that it equals only other copies: the memory is looked up by a fresh copy of the
     * caller's configuration, never by the caller's own (possibly changing) map.
     */
    private record Node(Object contents) {
    }

    /** A null value inside a configuration (the copy uses null for "not rememberable"). */
    private enum Null {
        VALUE
    }
}
