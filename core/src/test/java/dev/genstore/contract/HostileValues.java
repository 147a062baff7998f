package dev.genstore.contract;

import dev.genstore.ops.PurgeRequest;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Extreme and malformed values of each parameter type: numbers at their limits, instants and durations far outside
 * any calendar, huge texts, control characters, lone surrogates, hostile JSON maps, unknown ids, failing streams, and
 * records with one such value in one component.
 */
final class HostileValues {
    /** One hostile value: a name for the report and how to make it (making a record may itself throw). */
    record Value(String name, Callable<Object> maker) {
        /** Whether the value is or holds text no field may accept (a NUL, a BEL, a lone surrogate). */
        boolean malformedText() {
            return MALFORMED.matcher(name).find();
        }

        Object make() {
            try {
                return maker.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static final String HUGE_TEXT = "x".repeat(100_000);
    private static final java.util.regex.Pattern MALFORMED =
            java.util.regex.Pattern.compile("NUL|BEL|lone surrogate|lone low surrogate");

    private final SweepFixture fixture;

    HostileValues(SweepFixture fixture) {
        this.fixture = fixture;
    }

    List<Value> of(Type type) {
        return of(type, 0);
    }

    private List<Value> of(Type type, int depth) {
        if (type instanceof ParameterizedType parameterized) {
            return ofGeneric(parameterized);
        }
        Class<?> raw = (Class<?>) type;
        if (raw == long.class || raw == Long.class) {
            return values("Long.MIN_VALUE", Long.MIN_VALUE, "Long.MAX_VALUE", Long.MAX_VALUE, "Long.MAX_VALUE-1",
                    Long.MAX_VALUE - 1, "-1L", -1L);
        }
        if (raw == int.class || raw == Integer.class) {
            return values("Integer.MIN_VALUE", Integer.MIN_VALUE, "Integer.MAX_VALUE", Integer.MAX_VALUE, "-1", -1);
        }
        if (raw == double.class || raw == Double.class) {
            return values("NaN", Double.NaN, "Infinity", Double.POSITIVE_INFINITY, "-Double.MAX_VALUE", -Double.MAX_VALUE);
        }
        if (raw == Instant.class) {
            return values("Instant.MIN", Instant.MIN, "Instant.MAX", Instant.MAX, "year -1", Instant.parse("-0001-01-01T00:00:00Z"),
                    "year 10000", Instant.parse("+10000-01-01T00:00:00Z"));
        }
        if (raw == Duration.class) {
            return values("Duration max", Duration.ofSeconds(Long.MAX_VALUE, 999_999_999), "Duration min",
                    Duration.ofSeconds(Long.MIN_VALUE), "Duration -1ns", Duration.ofNanos(-1), "10,000 years",
                    Duration.ofDays(3_652_500));
        }
        if (raw == String.class) {
            return values("huge text", HUGE_TEXT, "NUL", "a\u0000b", "BEL", "a\u0007b", "lone surrogate", "a\uD800b",
                    "lone low surrogate", "\uDC00", "empty", "", "RLO", "\u202Eevil: x\ny");
        }
        if (raw == byte[].class) {
            return values("empty bytes", new byte[0], "garbage", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        }
        if (raw == java.io.InputStream.class) {
            return List.of(new Value("failing stream", HostileInputSweepContract::failingStream),
                    new Value("empty stream", () -> HostileInputSweepContract.bytes(new byte[0])));
        }
        if (raw == PurgeRequest.class) {
            return purgeRequests();
        }
        if (raw.isRecord() && isId(raw)) {
            return List.of(new Value("unknown id", () -> newRecord(raw, new Object[] {UUID.randomUUID()})),
                    new Value("zero id", () -> newRecord(raw, new Object[] {new UUID(0, 0)})));
        }
        if (raw.isRecord() && depth < 2) {
            return recordVariants(raw, depth);
        }
        return List.of();
    }

    private static boolean isId(Class<?> raw) {
        RecordComponent[] components = raw.getRecordComponents();
        return components.length == 1 && components[0].getType() == UUID.class;
    }

    private List<Value> ofGeneric(ParameterizedType type) {
        Class<?> raw = (Class<?>) type.getRawType();
        Type first = type.getActualTypeArguments()[0];
        List<Value> values = new ArrayList<>();
        if (raw == Map.class) {
            Type valueType = type.getActualTypeArguments()[1];
            Object one = valueType == Double.class ? (Object) 1.0 : (Object) 1;
            values.add(new Value("map with a 100,000-character key", () -> Map.of(HUGE_TEXT, one)));
            values.add(new Value("map with a NUL in a key", () -> Map.of("a\u0000b", one)));
            values.add(new Value("map with a lone surrogate key", () -> Map.of("a\uD800b", one)));
            values.add(new Value("map with a null key", () -> {
                Map<String, Object> map = new HashMap<>();
                map.put(null, one);
                return map;
            }));
            if (valueType == Double.class) {
                values.add(new Value("map with NaN", () -> Map.of("a", Double.NaN)));
                values.add(new Value("map with -Infinity", () -> Map.of("a", Double.NEGATIVE_INFINITY)));
            } else {
                values.add(new Value("map with 2^100000", () -> Map.of("n", BigInteger.TWO.pow(100_000))));
                values.add(new Value("map with 1e100000", () -> Map.of("n", new BigDecimal("1e100000"))));
                values.add(new Value("map with NaN", () -> Map.of("n", Double.NaN)));
                values.add(new Value("map nested 10,000 deep", HostileValues::deepMap));
                values.add(new Value("map with a NUL in a value", () -> Map.of("s", "a\u0000b")));
                values.add(new Value("map with a lone surrogate value", () -> Map.of("s", "a\uD800b")));
                values.add(new Value("map with a non-JSON value", () -> Map.of("o", new Object())));
                values.add(new Value("map containing itself", () -> {
                    Map<String, Object> map = new HashMap<>();
                    map.put("self", map);
                    return map;
                }));
            }
            return values;
        }
        if (raw == List.class || raw == Set.class) {
            List<Value> elements = first == String.class ? of(String.class) : List.of();
            for (Value element : elements) {
                values.add(new Value("collection with " + element.name(), () -> raw == List.class
                        ? List.of(element.make()) : Set.of(element.make())));
            }
            values.add(new Value("collection with a null", () -> raw == List.class
                    ? Collections.singletonList(null) : new HashSet<>(Collections.singletonList(null))));
            if (first == String.class) {
                values.add(new Value("collection of 100,000", () -> {
                    List<String> many = new ArrayList<>();
                    for (int i = 0; i < 100_000; i++) {
                        many.add("t" + i);
                    }
                    return raw == List.class ? many : new HashSet<>(many);
                }));
            }
            if (first == Integer.class) {
                values.add(new Value("collection with Integer.MIN_VALUE", () -> List.of(Integer.MIN_VALUE)));
            }
        }
        return values;
    }

    private static Map<String, Object> deepMap() {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> outer = new HashMap<>();
            outer.put("d", map);
            map = outer;
        }
        return map;
    }

    /** The record built from valid components, with one component at a time replaced by a hostile value. */
    private List<Value> recordVariants(Class<?> type, int depth) {
        RecordComponent[] components = type.getRecordComponents();
        List<Value> variants = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            int index = i;
            for (Value hostile : of(components[i].getGenericType(), depth + 1)) {
                variants.add(new Value(components[i].getName() + "=" + hostile.name(), () -> {
                    Object base = fixture.validValue(type);
                    Object[] args = new Object[components.length];
                    for (int c = 0; c < components.length; c++) {
                        args[c] = components[c].getAccessor().invoke(base);
                    }
                    args[index] = hostile.make();
                    return newRecord(type, args);
                }));
            }
        }
        return variants;
    }

    private static Object newRecord(Class<?> type, Object[] args) throws ReflectiveOperationException {
        Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        try {
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    private static List<Value> purgeRequests() {
        Duration huge = Duration.ofSeconds(Long.MAX_VALUE, 999_999_999);
        return List.of(
                new Value("archived jobs older than a huge duration", () -> PurgeRequest.nothing().archivedJobsOlderThan(huge).dryRun(true)),
                new Value("orphan blobs older than a huge duration", () -> PurgeRequest.nothing().orphanBlobsOlderThan(huge).dryRun(true)),
                new Value("prompts unused since Instant.MIN", () -> PurgeRequest.nothing().promptsUnusedSince(Instant.MIN).dryRun(true)),
                new Value("prompts unused since Instant.MAX", () -> PurgeRequest.nothing().promptsUnusedSince(Instant.MAX).dryRun(true)),
                new Value("archived jobs older than -1 s", () -> PurgeRequest.nothing().archivedJobsOlderThan(Duration.ofSeconds(-1)).dryRun(true)));
    }

    private static List<Value> values(Object... namesAndValues) {
        List<Value> values = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            Object value = namesAndValues[i + 1];
            values.add(new Value((String) namesAndValues[i], () -> value));
        }
        return values;
    }
}
