package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.PreparedOnce;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.spi.Storage;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Where a cache hit's time goes ({@code -Dbench.cache.breakdown=true}, SQLite): one store, one file, hits only, no
 * writes at all (the store's hits are buffered far past the run, so no flush falls inside it). Five calls take turns
 * on the same item, in a rotating order so that none always runs on caches the one before warmed:
 * <ul>
 *   <li>{@code get}: {@code cache().get}, the whole hit;</li>
 *   <li>{@code lookup}: the storage's own one-statement read of the row ({@code Storage.readOneStatement} with the
 *   cache repository's lookup), without the service around it;</li>
 *   <li>{@code plumbing}: {@code Storage.readOneStatement} of nothing: the pooled connection, the Jdbi handle, the
 *   repositories, no statement;</li>
 *   <li>{@code hash}: {@code cache().configurationHash}, i.e. the service proxy and the remembered configuration hash;</li>
 *   <li>{@code raw}: a hand-written read of the same row on the same file: a pooled read-only connection, the
 *   statement prepared once per connection, every column the entry has read by name.</li>
 * </ul>
 * Each is measured as the thread's CPU time per call ({@code ThreadMXBean}; JFR's sampling under-counts short Java
 * frames between native calls, so its profile is not used for this), in microseconds: fields
 * {@code breakdown_get_cpu_us}, {@code breakdown_lookup_cpu_us}, {@code breakdown_plumbing_cpu_us},
 * {@code breakdown_hash_cpu_us}, {@code breakdown_raw_cpu_us}. The clock read itself costs about a microsecond, in
 * every field alike. Then {@code breakdown_get_flushing_cpu_us}: the mean get of a store with the default policy on the
 * same file, alone, hits written 1,024 at a time by the get that fills the buffer (a write that updates every entry hit
 * since the last one, and SQLite rewrites a whole row, its inline bytes included, to update one column of it).
 */
final class CacheHitBreakdown {
    private static final String NAMESPACE = "breakdown";
    private static final String[] CALLS = {"get", "lookup", "plumbing", "hash", "raw"};

    private CacheHitBreakdown() {
    }

    /** The fields, in {@link #CALLS} order. */
    static Map<String, String> measure(Backend backend, Map<String, Object> configuration, int entries, int bytes,
            long seconds) throws Exception {
        Storage storage = backend.genstore("cache_breakdown");
        // Hits buffered far past the run: no flush inside it.
        CachePolicy noFlush = new CachePolicy(10_000, 1L << 30, null, Integer.MAX_VALUE);
        byte[] value = new byte[bytes];
        new Random(7).nextBytes(value);
        String[] items = new String[entries];
        try (Genstore store = Genstore.builder().storage(storage).cachePolicy(noFlush).build();
             RawDatabase raw = backend.rawReader("cache_breakdown")) {
            for (int i = 0; i < entries; i++) {
                items[i] = String.format(Locale.ROOT, "item-%06d", i);
                store.cache().put(NewCacheEntry.of(NAMESPACE, items[i], configuration, "image/webp"), value);
            }
            String hash = store.cache().configurationHash(configuration);
            PreparedOnce prepared = new PreparedOnce();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] cpu = new long[CALLS.length];
            long[] calls = new long[CALLS.length];
            Random random = new Random(11);
            long warmupEnd = System.nanoTime() + Math.min(5, seconds) * 1_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            for (long round = 0; System.nanoTime() < end; round++) {
                boolean counted = System.nanoTime() > warmupEnd;
                String item = items[random.nextInt(entries)];
                for (int turn = 0; turn < CALLS.length; turn++) {
                    int call = (int) ((round + turn) % CALLS.length);
                    long start = threads.getCurrentThreadCpuTime();
                    int length = switch (call) {
                        case 0 -> store.cache().get(NAMESPACE, item, configuration).orElseThrow().content().length;
                        case 1 -> storage.readOneStatement(r -> r.cache().lookup(NAMESPACE, item, hash))
                                .orElseThrow().content().length;
                        case 2 -> storage.readOneStatement(r -> bytes);
                        case 3 -> store.cache().configurationHash(configuration).isEmpty() ? 0 : bytes;
                        default -> raw.autocommit(c -> {
                            PreparedStatement select = prepared.prepared(c, CacheWorkload.FIND);
                            select.setString(1, NAMESPACE);
                            select.setString(2, item);
                            select.setString(3, hash);
                            try (ResultSet rs = select.executeQuery()) {
                                rs.next();
                                rs.getString("id");
                                rs.getString("namespace");
                                rs.getString("item_key");
                                rs.getString("config_hash");
                                rs.getString("content_type");
                                rs.getLong("byte_count");
                                rs.getString("metadata");
                                rs.getString("source_image_id");
                                rs.getLong("hit_count");
                                rs.getLong("created_at");
                                rs.getLong("last_accessed_at");
                                rs.getString("blob_key");
                                return rs.getBytes("content").length;
                            }
                        });
                    };
                    long used = threads.getCurrentThreadCpuTime() - start;
                    if (length != bytes) {
                        throw new IllegalStateException(CALLS[call] + ": " + length + " bytes, expected " + bytes);
                    }
                    if (counted) {
                        cpu[call] += used;
                        calls[call]++;
                    }
                }
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (int call = 0; call < CALLS.length; call++) {
                fields.put("breakdown_" + CALLS[call] + "_cpu_us", micros(cpu[call], calls[call]));
            }
            fields.put("breakdown_get_flushing_cpu_us", flushingGets(backend, items, configuration, seconds, threads));
            return fields;
        }
    }

    /**
     * The mean CPU time of a get on a second store on the same file with the default {@code CachePolicy}: its hits are
     * written 1,024 at a time, by the get that fills the buffer, so the mean carries those writes.
     */
    private static String flushingGets(Backend backend, String[] items, Map<String, Object> configuration, long seconds,
            ThreadMXBean threads) throws Exception {
        try (Genstore store = Genstore.open(backend.genstore("cache_breakdown"))) {
            Random random = new Random(13);
            long cpu = 0;
            long calls = 0;
            long warmupEnd = System.nanoTime() + Math.min(5, seconds) * 1_000_000_000L;
            long end = warmupEnd + seconds * 1_000_000_000L;
            while (System.nanoTime() < end) {
                boolean counted = System.nanoTime() > warmupEnd;
                long start = threads.getCurrentThreadCpuTime();
                int length = store.cache().get(NAMESPACE, items[random.nextInt(items.length)], configuration)
                        .orElseThrow().content().length;
                long used = threads.getCurrentThreadCpuTime() - start;
                if (length == 0) {
                    throw new IllegalStateException("an empty value");
                }
                if (counted) {
                    cpu += used;
                    calls++;
                }
            }
            return micros(cpu, calls);
        }
    }

    private static String micros(long nanos, long calls) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1_000.0 / Math.max(1, calls));
    }
}
