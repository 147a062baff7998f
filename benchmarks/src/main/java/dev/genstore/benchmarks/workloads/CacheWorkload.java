package dev.genstore.benchmarks.workloads;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.genstore.Genstore;
import dev.genstore.benchmarks.Harness;
import dev.genstore.benchmarks.KindedOperation;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.TrialWorkload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.PreparedOnce;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.cache.CachedImage;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.sqlite.SqliteStorage;
import dev.genstore.spi.Storage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/**
 * A cache of generated images in front of a provider: {@code bench.cache.entries} entries (1,000) of
 * {@code bench.cache.bytes} bytes each (20,000) are put before the timing; then each operation picks a random one of
 * those items and is, 9 times in 10, a {@code cache().get(namespace, item, configuration)} (a hit: every seeded key
 * stays present) and, 1 time in 10, a {@code put} of new bytes under that same key (the item regenerated: the old entry
 * and its bytes are replaced, so the cache keeps its size and every get stays a hit). Every operation is timed; the
 * result adds the hits' p50 and p99 in microseconds ({@code hit_p50_us}, {@code baseline_hit_p50_us}, …) and the
 * puts' ({@code put_p50_us}, …). One thread by default ({@code bench.cache.threads}): the target is a latency. A get
 * that misses all the same (possible only with several threads: a reader that found the row just before a replace
 * committed, whose bytes are then gone) puts the item, as an application would, and is timed as neither kind.
 *
 * <p>genstore, as configured by default: values up to {@code CachePolicy.DEFAULT_INLINE_BYTES} (so the default 20,000
 * bytes) in the database (cache_contents), larger ones in the blob store (SQLite: files in the directory beside the database file;
 * PostgreSQL and memory: the {@code blobs} table), the default {@code CachePolicy} (10,000 entries, 1 GiB, no
 * time-to-live, hits buffered in memory and written 1,024 at a time: a hit is one autocommit read, no write).
 *
 * <p>The baseline is a careful hand-written cache on the same schema and the same kind of blob storage, seeded by its
 * own put. Its key is the same (namespace, item key, SHA-256 of the configuration's JSON: here Jackson with sorted map
 * keys, not genstore's canonical form). Values up to genstore's default inline threshold are kept in the database
 * (cache_contents), as genstore keeps them. A hit hashes the configuration, then in autocommit (SQLite: the pool of
 * read-only connections, as genstore's reads) selects the entry row joined to its content row (cache_contents) by its
 * unique key, with a statement prepared once per connection, reads its columns (parsing the metadata JSON), and, when
 * it has no content row, reads the bytes: SQLite {@code Files.readAllBytes} of the file named by the row's blob key;
 * PostgreSQL and H2
 * {@code SELECT content FROM blobs WHERE blob_key = ?}. A put of a value past the threshold writes the bytes first (SQLite: a temporary file, forced to disk, renamed atomically over the target, the directory forced: no
 * torn file after a crash, as genstore's blob store) and then, in one write transaction: locks the counter row where
 * the database has row locks (so the bounds hold under concurrent puts, as in genstore), inserts the blob row
 * (PostgreSQL, H2), selects the entry with the same key and deletes it (and its blob row), inserts the new row, counts
 * the entries and their bytes and evicts least-recently-put entries past genstore's default bounds (never, in this
 * run); the replaced files are deleted after commit. What it does not do: record hits or access times (so its
 * eviction order is the put order, not recency of use, and it keeps no hit statistics), write a content-type sidecar
 * beside each file (the row has the type), check keys against path tricks, or retry transient failures.
 */
public final class CacheWorkload implements TrialWorkload {
    private static final String NAMESPACE = "bench-images";
    private static final String CONTENT_TYPE = "image/webp";
    private static final Map<String, Object> CONFIGURATION = Map.of("model", "sdxl-1.0", "width", 1024, "height", 1024,
            "steps", 30, "cfg", 7.5, "sampler", "dpmpp_2m");
    private static final int PUT_PERCENT = 10;
    private static final int CONTENTS = 8;
    static final int HIT = 0;
    static final int PUT = 1;
    static final int MISS = 2;
    /** genstore's default {@code CachePolicy} bounds, which the baseline keeps too. */
    private static final long MAX_ENTRIES = 10_000;
    private static final long MAX_BYTES = 1L << 30;

    /** The entry joined to its content row, by key: the baseline's hit (and the breakdown's raw read). */
    static final String FIND = "SELECT e.id, e.namespace, e.item_key, e.config_hash, e.blob_key, e.content_type,"
            + " e.byte_count, e.metadata, e.source_image_id, e.hit_count, e.created_at, e.last_accessed_at, c.content"
            + " FROM cache_entries e LEFT JOIN cache_contents c ON c.entry_id = e.id"
            + " WHERE e.namespace = ? AND e.item_key = ? AND e.config_hash = ?";
    /** Values up to genstore's default inline threshold are kept in the database (cache_contents), on both sides. */
    private static final int INLINE_BYTES = CachePolicy.DEFAULT_INLINE_BYTES;
    private static final String FIND_KEY = "SELECT id, blob_key FROM cache_entries WHERE namespace = ? AND item_key = ?"
            + " AND config_hash = ?";
    private static final String CONTENT = "SELECT content FROM blobs WHERE blob_key = ?";
    private static final String INSERT_BLOB = "INSERT INTO blobs (blob_key, content_type, byte_count, content, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";
    private static final String DELETE_BLOB = "DELETE FROM blobs WHERE blob_key = ?";
    private static final String DELETE_ENTRY = "DELETE FROM cache_entries WHERE id = ?";
    private static final String INSERT_ENTRY = "INSERT INTO cache_entries (id, namespace, item_key, config_hash, blob_key,"
            + " content_type, byte_count, metadata, source_image_id, hit_count, created_at, last_accessed_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CONTENT = "INSERT INTO cache_contents (entry_id, content) VALUES (?, ?)";
    private static final String TOTALS = "SELECT COUNT(*), COALESCE(SUM(byte_count), 0) FROM cache_entries";
    private static final String OLDEST = "SELECT id, blob_key, byte_count FROM cache_entries WHERE id <> ?"
            + " ORDER BY last_accessed_at, id LIMIT 100";

    @Override
    public String name() {
        return "cache";
    }

    /**
     * The trial, then on SQLite python diskcache's default {@code Cache.get} on the same number of entries of the same
     * size ({@code diskcache_hit_p50_us}, {@code diskcache_hit_p99_us}) when {@code python3} with {@code diskcache} is
     * on the path; when it is not, a note on stderr says so and the fields are left out (the comparison is by hand).
     * With {@code -Dbench.cache.breakdown=true} (SQLite), then where a hit's CPU time goes ({@link CacheHitBreakdown}).
     */
    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        Result result;
        try (Trial trial = open(backend, settings)) {
            result = new Harness(settings).run(name(), backend.name(), trial);
        }
        if (backend.name().equals("sqlite")) {
            Optional<String> peer = DiskcachePeer.hitLatency(Settings.intProperty("bench.cache.entries", 1_000),
                    Settings.intProperty("bench.cache.bytes", 20_000), 20_000);
            for (String field : peer.map(line -> line.trim().split(" ")).orElse(new String[0])) {
                String[] pair = field.split("=", 2);
                result = result.field(pair[0], pair[1]);
            }
            if (Boolean.getBoolean("bench.cache.breakdown")) {
                for (Map.Entry<String, String> field : CacheHitBreakdown.measure(backend, CONFIGURATION,
                        Settings.intProperty("bench.cache.entries", 1_000), Settings.intProperty("bench.cache.bytes", 20_000),
                        Settings.intProperty("bench.cache.breakdownSeconds", 20)).entrySet()) {
                    result = result.field(field.getKey(), field.getValue());
                }
            }
        }
        return List.of(result);
    }

    @Override
    public Trial open(Backend backend, Settings settings) throws Exception {
        int threads = Settings.intProperty("bench.cache.threads", 1);
        int entries = Settings.intProperty("bench.cache.entries", 1_000);
        int bytes = Settings.intProperty("bench.cache.bytes", 20_000);
        Random random = new Random(42);
        byte[][] contents = new byte[CONTENTS][bytes];
        for (byte[] content : contents) {
            random.nextBytes(content);
        }
        String[] items = new String[entries];
        for (int i = 0; i < entries; i++) {
            items[i] = String.format(Locale.ROOT, "item-%06d", i);
        }
        Storage genstoreStorage = backend.genstoreNamed("cache_genstore");
        Genstore store = Genstore.open(genstoreStorage);
        RawDatabase writer = null;
        RawDatabase reader = null;
        try {
            Storage baselineStorage = backend.baselineSchema("cache_baseline");
            Genstore.open(baselineStorage).close(); // genstore's migrations make the schema
            writer = backend.raw("cache_baseline");
            // SQLite reads on a pool of read-only connections beside the writer, as genstore's; the server databases
            // read on the writer's pool, as genstore's.
            reader = backend.name().equals("sqlite") ? backend.rawReader("cache_baseline") : writer;
            CacheTrial trial = new CacheTrial(backend, threads, store, blobDirectory(genstoreStorage), writer, reader,
                    blobDirectory(baselineStorage), items, contents);
            trial.seed();
            return trial;
        } catch (Exception | Error e) {
            if (reader != null && reader != writer) {
                reader.close();
            }
            if (writer != null) {
                writer.close();
            }
            store.close();
            throw e;
        }
    }

    /** The directory of a SQLite storage's blob files; {@code null} where blobs live in the database. */
    private static Path blobDirectory(Storage storage) {
        return storage instanceof SqliteStorage sqlite ? sqlite.blobDirectory() : null;
    }

    private static final class CacheTrial implements Trial {
        private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
        private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

        private final Backend backend;
        private final int threads;
        private final Genstore store;
        private final Path genstoreBlobs;
        private final RawDatabase writer;
        private final RawDatabase reader;
        /** The baseline's blob files (SQLite), or {@code null}: its blobs are rows of {@code blobs}. */
        private final Path blobs;
        private final Path temp;
        private final String[] items;
        private final byte[][] contents;
        private final Statements sql;
        private final String lockCounters;
        private final Clock clock = Clock.systemUTC();
        private final Ids ids = new Ids();
        /** The get's statements, prepared once per connection (as genstore's lookup through DirectSql). */
        private final PreparedOnce prepared = new PreparedOnce();
        private final Side genstoreSide = new Side();
        private final Side baselineSide = new Side();
        private Instant seeded;

        /** What one side did, to check against its data afterwards. */
        private static final class Side {
            final LongAdder hits = new LongAdder();
            final LongAdder misses = new LongAdder();
            final Set<Integer> replaced = ConcurrentHashMap.newKeySet();
        }

        CacheTrial(Backend backend, int threads, Genstore store, Path genstoreBlobs, RawDatabase writer,
                   RawDatabase reader, Path blobs, String[] items, byte[][] contents) throws IOException {
            this.backend = backend;
            this.threads = threads;
            this.store = store;
            this.genstoreBlobs = genstoreBlobs;
            this.writer = writer;
            this.reader = reader;
            this.blobs = blobs;
            this.temp = blobs == null ? null : Files.createDirectories(blobs.resolve(".baseline-tmp"));
            if (blobs != null) {
                Files.createDirectories(blobs.resolve("genstore/cache"));
            }
            this.items = items;
            this.contents = contents;
            this.sql = new Statements(backend);
            this.lockCounters = writer.forUpdate().isEmpty() ? null : "SELECT id FROM cache_counters WHERE id = 1"
                    + writer.forUpdate();
        }

        /** Puts every item on both sides, through each side's own put. */
        void seed() throws Exception {
            for (int i = 0; i < items.length; i++) {
                store.cache().put(NewCacheEntry.of(NAMESPACE, items[i], CONFIGURATION, CONTENT_TYPE), contents[i % CONTENTS]);
                put(items[i], contents[i % CONTENTS]);
            }
            seeded = now();
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public boolean recordsLatency() {
            return true;
        }

        @Override
        public List<String> latencyKinds() {
            return List.of("hit", "put");
        }

        @Override
        public boolean reportsCpu() {
            return true;
        }

        @Override
        public Operation genstore() {
            return (KindedOperation) () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int item = random.nextInt(items.length);
                byte[] content = contents[random.nextInt(CONTENTS)];
                if (random.nextInt(100) < PUT_PERCENT) {
                    store.cache().put(NewCacheEntry.of(NAMESPACE, items[item], CONFIGURATION, CONTENT_TYPE), content);
                    genstoreSide.replaced.add(item);
                    return PUT;
                }
                Optional<CachedImage> hit = store.cache().get(NAMESPACE, items[item], CONFIGURATION);
                if (hit.isPresent()) {
                    if (hit.get().content().length != content.length) {
                        throw new IllegalStateException("genstore: " + hit.get().content().length + " bytes for " + items[item]);
                    }
                    genstoreSide.hits.increment();
                    return HIT;
                }
                genstoreSide.misses.increment();
                store.cache().put(NewCacheEntry.of(NAMESPACE, items[item], CONFIGURATION, CONTENT_TYPE), content);
                genstoreSide.replaced.add(item);
                return MISS;
            };
        }

        @Override
        public Operation baseline() {
            return (KindedOperation) () -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int item = random.nextInt(items.length);
                byte[] content = contents[random.nextInt(CONTENTS)];
                if (random.nextInt(100) < PUT_PERCENT) {
                    put(items[item], content);
                    baselineSide.replaced.add(item);
                    return PUT;
                }
                byte[] hit = get(items[item]);
                if (hit != null) {
                    if (hit.length != content.length) {
                        throw new IllegalStateException("baseline: " + hit.length + " bytes for " + items[item]);
                    }
                    baselineSide.hits.increment();
                    return HIT;
                }
                baselineSide.misses.increment();
                put(items[item], content);
                baselineSide.replaced.add(item);
                return MISS;
            };
        }

        private Instant now() {
            return clock.instant().truncatedTo(ChronoUnit.MICROS);
        }

        /** SHA-256 (hex) of the configuration as JSON with sorted keys. */
        private static String hash(Map<String, Object> configuration) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(configuration)));
            } catch (JsonProcessingException | NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The bytes of the entry, or {@code null} on a miss. */
        private byte[] get(String item) throws SQLException {
            String hash = hash(CONFIGURATION);
            return reader.autocommit(c -> {
                String blobKey;
                PreparedStatement select = prepared.prepared(c, FIND);
                select.setString(1, NAMESPACE);
                select.setString(2, item);
                select.setString(3, hash);
                try (ResultSet rs = select.executeQuery()) {
                    if (!rs.next()) {
                        return null;
                    }
                    // The entry as a caller gets it back.
                    sql.uuid(rs, "id");
                    rs.getString("content_type");
                    rs.getLong("byte_count");
                    rs.getLong("hit_count");
                    sql.instant(rs, "created_at");
                    readJson(rs.getString("metadata"));
                    blobKey = rs.getString("blob_key");
                    if (blobKey == null) {
                        return rs.getBytes("content"); // kept in the database
                    }
                }
                if (blobs != null) {
                    try {
                        return Files.readAllBytes(blobs.resolve(blobKey));
                    } catch (java.nio.file.NoSuchFileException gone) {
                        return null; // replaced meanwhile: a miss
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                PreparedStatement content = prepared.prepared(c, CONTENT);
                content.setString(1, blobKey);
                try (ResultSet rs = content.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            });
        }

        private static Map<String, Object> readJson(String json) {
            try {
                return JSON.readValue(json, MAP);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Puts {@code content} under the item's key, replacing its entry; evicts past the bounds. */
        private void put(String item, byte[] content) throws SQLException, IOException {
            String hash = hash(CONFIGURATION);
            UUID id = ids.next();
            boolean inline = content.length <= INLINE_BYTES;
            String key = inline ? null : "genstore/cache/" + id;
            Instant now = now();
            if (blobs != null && !inline) {
                writeFile(blobs.resolve(key), content);
            }
            List<String> dropped;
            try {
                dropped = writer.inTransaction(c -> {
                    List<String> droppedKeys = new ArrayList<>();
                    if (lockCounters != null) {
                        try (PreparedStatement lock = c.prepareStatement(lockCounters)) {
                            lock.executeQuery().close();
                        }
                    }
                    if (blobs == null && !inline) {
                        try (PreparedStatement insert = c.prepareStatement(INSERT_BLOB)) {
                            insert.setString(1, key);
                            insert.setString(2, CONTENT_TYPE);
                            insert.setLong(3, content.length);
                            insert.setBytes(4, content);
                            sql.instant(insert, 5, now);
                            insert.executeUpdate();
                        }
                    }
                    try (PreparedStatement select = c.prepareStatement(FIND_KEY)) {
                        select.setString(1, NAMESPACE);
                        select.setString(2, item);
                        select.setString(3, hash);
                        try (ResultSet rs = select.executeQuery()) {
                            if (rs.next()) {
                                drop(c, sql.uuid(rs, "id"), rs.getString("blob_key"), droppedKeys);
                            }
                        }
                    }
                    try (PreparedStatement insert = c.prepareStatement(INSERT_ENTRY)) {
                        sql.uuid(insert, 1, id);
                        insert.setString(2, NAMESPACE);
                        insert.setString(3, item);
                        insert.setString(4, hash);
                        insert.setString(5, key);
                        insert.setString(6, CONTENT_TYPE);
                        insert.setLong(7, content.length);
                        insert.setString(8, "{}");
                        sql.uuid(insert, 9, null);
                        insert.setLong(10, 0);
                        sql.instant(insert, 11, now);
                        sql.instant(insert, 12, now);
                        insert.executeUpdate();
                    }
                    if (inline) {
                        try (PreparedStatement insert = c.prepareStatement(INSERT_CONTENT)) {
                            sql.uuid(insert, 1, id);
                            insert.setBytes(2, content);
                            insert.executeUpdate();
                        }
                    }
                    evict(c, id, droppedKeys);
                    return droppedKeys;
                });
            } catch (SQLException | RuntimeException e) {
                if (blobs != null && !inline) {
                    Files.deleteIfExists(blobs.resolve(key));
                }
                throw e;
            }
            if (blobs != null) {
                for (String old : dropped) {
                    Files.deleteIfExists(blobs.resolve(old));
                }
            }
        }

        /** Deletes least-recently-put entries other than {@code keep} until the cache is within its bounds. */
        private void evict(Connection c, UUID keep, List<String> droppedKeys) throws SQLException {
            long entries;
            long bytes;
            try (PreparedStatement totals = c.prepareStatement(TOTALS); ResultSet rs = totals.executeQuery()) {
                rs.next();
                entries = rs.getLong(1);
                bytes = rs.getLong(2);
            }
            while (entries > MAX_ENTRIES || bytes > MAX_BYTES) {
                List<Object[]> oldest = new ArrayList<>();
                try (PreparedStatement select = c.prepareStatement(OLDEST)) {
                    sql.uuid(select, 1, keep);
                    try (ResultSet rs = select.executeQuery()) {
                        while (rs.next()) {
                            oldest.add(new Object[] {sql.uuid(rs, "id"), rs.getString("blob_key"), rs.getLong("byte_count")});
                        }
                    }
                }
                if (oldest.isEmpty()) {
                    return;
                }
                for (Object[] row : oldest) {
                    if (entries <= MAX_ENTRIES && bytes <= MAX_BYTES) {
                        return;
                    }
                    drop(c, (UUID) row[0], (String) row[1], droppedKeys);
                    entries--;
                    bytes -= (Long) row[2];
                }
            }
        }

        /** Deletes an entry row and its blob row (database blobs) or notes its file for deletion after commit. */
        private void drop(Connection c, UUID id, String blobKey, List<String> droppedKeys) throws SQLException {
            try (PreparedStatement delete = c.prepareStatement(DELETE_ENTRY)) {
                sql.uuid(delete, 1, id);
                delete.executeUpdate();
            }
            if (blobKey == null) {
                return; // the bytes went with the row
            }
            if (blobs == null) {
                try (PreparedStatement delete = c.prepareStatement(DELETE_BLOB)) {
                    delete.setString(1, blobKey);
                    delete.executeUpdate();
                }
            }
            droppedKeys.add(blobKey);
        }

        /** A temporary file, forced to disk, renamed over {@code target}, then the directory forced. */
        private void writeFile(Path target, byte[] content) throws IOException {
            Path file = Files.createTempFile(temp, "put-", ".part");
            try {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ByteBuffer buffer = ByteBuffer.wrap(content);
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                    channel.force(true);
                }
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(file);
            }
            try (FileChannel directory = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                directory.force(true);
            }
        }

        @Override
        public void check(long genstoreOps, long baselineOps) throws Exception {
            store.cache().flushAccesses();
            CacheStatistics statistics = store.cache().statistics();
            if (statistics.hits() != genstoreSide.hits.sum() || statistics.misses() != genstoreSide.misses.sum()) {
                throw new IllegalStateException("genstore: " + genstoreSide.hits.sum() + " hits and "
                        + genstoreSide.misses.sum() + " misses ran, the statistics count " + statistics);
            }
            check("genstore", "cache_genstore", genstoreBlobs, genstoreSide);
            check("baseline", "cache_baseline", blobs, baselineSide);
            System.err.printf(Locale.ROOT, "cache %s: misses genstore %d, baseline %d; items replaced genstore %d,"
                            + " baseline %d%n", backend.name(), genstoreSide.misses.sum(), baselineSide.misses.sum(),
                    genstoreSide.replaced.size(), baselineSide.replaced.size());
        }

        /**
         * Every item has one entry, and one blob when its bytes are not in the database; the entries put after seeding
         * are the items the run replaced.
         */
        private void check(String side, String database, Path blobDirectory, Side did) throws SQLException, IOException {
            long entries;
            long replaced;
            long blobCount;
            long entriesWithBlobs;
            try (Connection c = backend.connect(database); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cache_entries")) {
                    rs.next();
                    entries = rs.getLong(1);
                }
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cache_entries WHERE blob_key IS NOT NULL")) {
                    rs.next();
                    entriesWithBlobs = rs.getLong(1);
                }
                try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM cache_entries WHERE created_at > ?")) {
                    sql.instant(select, 1, seeded);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        replaced = rs.getLong(1);
                    }
                }
                if (blobDirectory == null) {
                    try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM blobs WHERE blob_key LIKE 'genstore/cache/%'")) {
                        rs.next();
                        blobCount = rs.getLong(1);
                    }
                } else if (Files.isDirectory(blobDirectory.resolve("genstore/cache"))) {
                    try (Stream<Path> files = Files.list(blobDirectory.resolve("genstore/cache"))) {
                        blobCount = files.count();
                    }
                } else {
                    blobCount = 0; // every value small enough to live in the database: no blob was ever written
                }
            }
            if (entries != items.length || blobCount != entriesWithBlobs || replaced != did.replaced.size()) {
                throw new IllegalStateException(side + ": " + items.length + " items, " + did.replaced.size()
                        + " of them replaced in the run, but the database has " + entries + " entries (" + replaced
                        + " put in the run) and " + blobCount + " blobs");
            }
        }

        @Override
        public void close() throws Exception {
            try {
                if (reader != writer) {
                    reader.close();
                }
                writer.close();
            } finally {
                store.close();
            }
        }
    }
}
