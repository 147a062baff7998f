package dev.genstore.benchmarks.workloads;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.benchmarks.Harness;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.Workload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A user's gallery: the first page of 50 images, newest first ({@code images().list(owner, all, first(50))}), for a
 * random user, timed per call (p50, p99) at two table sizes: {@code bench.gallery.small} images (10,000), then, after
 * loading more, {@code bench.gallery.large} (1,000,000). Users have {@code bench.gallery.perUser} images each
 * (500), so there are 20 users at 10 thousand images and 2,000 at a million; every image has two variants and a tag,
 * and users' images are interleaved in time, as many users uploading at once leave them. Reads run on
 * {@code bench.gallery.threads} threads (1: the latency of a page, not of a queue of them).
 *
 * <p>Both databases get the same rows (same ids), bulk-loaded with plain JDBC batches into the schema genstore's own
 * migrations made; PostgreSQL is then VACUUM ANALYZEd (what autovacuum does on a live database), SQLite's WAL is
 * checkpointed.
 *
 * <p>The baseline runs, in one read transaction per page, the statements genstore's list runs: find the owner (the
 * user row, its roles, its identities), the page query ({@code WHERE owner_id = ? ORDER BY id DESC LIMIT 51} on the
 * {@code (owner_id, id)} index), then the tags and the variants of those images ({@code IN} lists); it reads every
 * column and parses the two JSON columns, as an application returning the same images would.
 */
public final class GalleryWorkload implements Workload {
    private static final int PAGE = 50;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String[] PROMPTS = {"a lighthouse in a storm, oil painting", "portrait of an old sailor, 35 mm",
        "isometric city block at night, neon", "a bowl of ramen, studio lighting", "foggy pine forest at dawn",
        "a red fox curled up in fresh snow", "art deco poster of a zeppelin", "macro shot of a dew drop on a leaf"};
    private static final String[] TAGS = {"portrait", "landscape", "photo", "anime", "concept-art", "poster"};
    private static final String METADATA = "{\"sampler\":\"dpmpp_2m\",\"steps\":30,\"cfg\":7.0}";

    private final String name;
    private final boolean small;
    private final boolean large;

    private GalleryWorkload(String name, boolean small, boolean large) {
        this.name = name;
        this.small = small;
        this.large = large;
    }

    /** {@code gallery}: both sizes, one result each. */
    public static GalleryWorkload both() {
        return new GalleryWorkload("gallery", true, true);
    }

    /** {@code gallery-10k}: the small size only. */
    public static GalleryWorkload small() {
        return new GalleryWorkload("gallery-10k", true, false);
    }

    /** {@code gallery-1m}: the large size only (loading it whole). */
    public static GalleryWorkload large() {
        return new GalleryWorkload("gallery-1m", false, true);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        int smallSize = Settings.intProperty("bench.gallery.small", 10_000);
        int largeSize = Settings.intProperty("bench.gallery.large", 1_000_000);
        int perUser = Settings.intProperty("bench.gallery.perUser", 500);
        int threads = Settings.intProperty("bench.gallery.threads", 1);
        List<Integer> sizes = new ArrayList<>();
        if (small) {
            sizes.add(smallSize);
        }
        if (large) {
            sizes.add(largeSize);
        }
        List<Result> results = new ArrayList<>();
        Statements sql = new Statements(backend);
        try (Genstore store = Genstore.open(backend.genstoreNamed("gallery_genstore"))) {
            Genstore.open(backend.baselineSchema("gallery_baseline")).close(); // genstore's migrations make the schema
            try (RawDatabase raw = backend.rawReader("gallery_baseline")) {
                Data data = new Data(perUser);
                int loaded = 0;
                for (int size : sizes) {
                    long start = System.nanoTime();
                    load(backend, sql, data, loaded, size);
                    loaded = size;
                    System.err.printf(Locale.ROOT, "gallery %s: %,d images (%,d users) in both databases, loaded in %.1f s%n",
                            backend.name(), size, data.users(size), (System.nanoTime() - start) / 1e9);
                    GalleryTrial trial = new GalleryTrial(backend, sql, threads, store, raw, data.userIds(size), size);
                    results.add(new Harness(settings).run("gallery-" + label(size), backend.name(), trial));
                }
            }
        }
        return results;
    }

    /** 10000 → 10k, 1000000 → 1m. */
    static String label(int size) {
        if (size >= 1_000_000 && size % 1_000_000 == 0) {
            return size / 1_000_000 + "m";
        }
        if (size >= 1_000 && size % 1_000 == 0) {
            return size / 1_000 + "k";
        }
        return Integer.toString(size);
    }

    // ---- the data -----------------------------------------------------------------------------------------------

    /**
     * The rows, the same on every call: users and images derive from their index alone. Users of the first
     * {@code users(n)} serve the first {@code n} images; images are a minute apart, ending now.
     */
    private static final class Data {
        private final int perUser;
        private final long end = System.currentTimeMillis() - 60_000;

        Data(int perUser) {
            this.perUser = perUser;
        }

        int users(int images) {
            return (images + perUser - 1) / perUser;
        }

        UUID user(int index) {
            Random random = new Random(31L * index + 7);
            return v7(1_600_000_000_000L + index, random.nextInt(1 << 12), random.nextLong());
        }

        UUID[] userIds(int images) {
            UUID[] ids = new UUID[users(images)];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = user(i);
            }
            return ids;
        }

        /** Image {@code index}'s time: a minute per image, so the last of a million is an hour ago at most. */
        long millis(int index, int total) {
            return end - (long) (total - index) * 60_000L;
        }

        static UUID v7(long millis, int counter, long random) {
            return new UUID((millis << 16) | 0x7000L | (counter & 0xFFF), (random & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        }
    }

    /** Loads images {@code [from, to)} (and their users) into both databases, one loader thread per database. */
    private static void load(Backend backend, Statements sql, Data data, int from, int to) throws Exception {
        ExecutorService loaders = Executors.newFixedThreadPool(2);
        try {
            List<Future<Void>> done = new ArrayList<>();
            for (String database : List.of("gallery_genstore", "gallery_baseline")) {
                done.add(loaders.submit(() -> {
                    try (Connection c = backend.connect(database)) {
                        loadInto(c, backend, sql, data, from, to);
                    }
                    return null;
                }));
            }
            for (Future<Void> f : done) {
                f.get();
            }
        } finally {
            loaders.shutdownNow();
        }
    }

    private static void loadInto(Connection c, Backend backend, Statements sql, Data data, int from, int to)
            throws SQLException {
        boolean sqlite = backend.name().equals("sqlite");
        if (sqlite) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA cache_size = -262144"); // 256 MiB for this connection's index pages
                s.execute("PRAGMA synchronous = OFF");
            }
        }
        c.setAutoCommit(false);
        // Image times run to a fixed end over the largest size, so loading in steps gives the same rows as at once.
        int total = Settings.intProperty("bench.gallery.large", 1_000_000);
        int firstUser = data.users(from);
        int lastUser = data.users(to);
        try (PreparedStatement users = c.prepareStatement("INSERT INTO users (id, email, display_name, language,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            Instant created = Instant.ofEpochMilli(data.millis(0, total) - 86_400_000L);
            for (int u = firstUser; u < lastUser; u++) {
                sql.uuid(users, 1, data.user(u));
                users.setString(2, "gallery" + u + "@bench.example.com");
                users.setString(3, null);
                users.setString(4, "en");
                sql.bind.instant(users, 5, created);
                sql.bind.instant(users, 6, created);
                users.addBatch();
            }
            users.executeBatch();
        }
        c.commit();
        int batch = 1_000;
        try (PreparedStatement images = c.prepareStatement(sql.insertImage);
             PreparedStatement variants = c.prepareStatement(Statements.INSERT_VARIANT);
             PreparedStatement tags = c.prepareStatement(Statements.INSERT_TAG)) {
            for (int i = from; i < to; i++) {
                Random random = new Random(0x5EEDL ^ i * 0x9E3779B97F4A7C15L);
                // Images of a step go to that step's new users; the first step's to the first users.
                int user = firstUser + random.nextInt(lastUser - firstUser);
                UUID owner = data.user(user);
                long millis = data.millis(i, total);
                UUID id = Data.v7(millis, i & 0xFFF, random.nextLong());
                Instant at = Instant.ofEpochMilli(millis);
                String stem = "genstore/images/" + owner + "/" + millis + "-" + id + "-image";
                String sha = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong())
                        + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
                Statements.ImageRow row = new Statements.ImageRow(id, owner, null,
                        PROMPTS[random.nextInt(PROMPTS.length)] + ", variation " + random.nextInt(1000),
                        random.nextLong() >>> 20, "sdxl-1.0", "png", 1024, 1024, 1_200_000 + random.nextInt(400_000),
                        sha, stem + ".png", 4, at, at);
                sql.bindImage(images, row, "{}", METADATA);
                images.addBatch();
                sql.bindVariant(variants, id, new Statements.VariantRow("THUMBNAIL", "WEBP", 256, 256,
                        9_000 + random.nextInt(4_000), stem + ".thumbnail.webp"));
                variants.addBatch();
                sql.bindVariant(variants, id, new Statements.VariantRow("WEB", "WEBP", 1024, 1024,
                        110_000 + random.nextInt(40_000), stem + ".web.webp"));
                variants.addBatch();
                sql.uuid(tags, 1, id);
                sql.uuid(tags, 2, owner);
                tags.setString(3, TAGS[random.nextInt(TAGS.length)]);
                tags.addBatch();
                if ((i - from + 1) % batch == 0 || i == to - 1) {
                    images.executeBatch();
                    variants.executeBatch();
                    tags.executeBatch();
                    if ((i - from + 1) % (50 * batch) == 0 || i == to - 1) {
                        c.commit();
                    }
                }
            }
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            if (sqlite) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            } else if (backend.name().equals("postgres")) {
                s.execute("VACUUM ANALYZE users, images, image_variants, image_tags");
            }
        }
    }

    // ---- the trial ----------------------------------------------------------------------------------------------

    private static final class GalleryTrial implements Trial {
        private final Backend backend;
        private final Statements sql;
        private final int threads;
        private final Genstore store;
        private final RawDatabase raw;
        private final UUID[] users;
        private final int size;

        GalleryTrial(Backend backend, Statements sql, int threads, Genstore store, RawDatabase raw, UUID[] users, int size) {
            this.backend = backend;
            this.sql = sql;
            this.threads = threads;
            this.store = store;
            this.raw = raw;
            this.users = users;
            this.size = size;
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public boolean reportsCpu() {
            return true;
        }

        @Override
        public boolean recordsLatency() {
            return true;
        }

        @Override
        public Operation genstore() {
            return () -> {
                UserId owner = UserId.of(users[ThreadLocalRandom.current().nextInt(users.length)]);
                Page<Image> page = store.images().list(owner, ImageFilter.all(), PageRequest.first(PAGE));
                if (page.items().size() != PAGE || !page.hasNext()) {
                    throw new IllegalStateException("genstore: a page of " + page.items().size() + " images for " + owner);
                }
            };
        }

        @Override
        public Operation baseline() {
            return () -> {
                UUID owner = users[ThreadLocalRandom.current().nextInt(users.length)];
                List<Row> page = raw.inTransaction(c -> page(c, owner));
                if (page.size() != PAGE + 1) {
                    throw new IllegalStateException("baseline: a page of " + page.size() + " images for " + owner);
                }
            };
        }

        /** An image as a hand-written listing returns it. */
        private record Row(UUID id, UUID owner, UUID job, String type, String status, String error, String title,
                           String description, String prompt, Long seed, String model, Map<String, Object> settings,
                           Map<String, Object> metadata, String qcStatus, String qcReason, String format, int width,
                           int height, long bytes, String sha256, String storageKey, long tokensUsed, Instant createdAt,
                           Instant updatedAt, List<String> tags, List<Object[]> variants) {
        }

        /** The first page and one more row (to know there is a next page), with tags and variants. */
        private List<Row> page(Connection c, UUID owner) throws SQLException {
            if (!sql.findUser(c, owner)) {
                throw new IllegalStateException("no user " + owner);
            }
            List<Row> rows = new ArrayList<>(PAGE + 1);
            try (PreparedStatement select = c.prepareStatement(sql.listImages)) {
                sql.uuid(select, 1, owner);
                select.setInt(2, PAGE + 1);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        long seed = rs.getLong("seed");
                        Long optionalSeed = rs.wasNull() ? null : seed;
                        rows.add(new Row(sql.uuid(rs, "id"), sql.uuid(rs, "owner_id"), sql.uuid(rs, "job_id"),
                                rs.getString("type"), rs.getString("status"), rs.getString("error_message"),
                                rs.getString("title"), rs.getString("description"), rs.getString("prompt"), optionalSeed,
                                rs.getString("model"), json(rs.getString("processing_settings")),
                                json(rs.getString("metadata")), rs.getString("qc_status"), rs.getString("qc_reason"),
                                rs.getString("format"), rs.getInt("width"), rs.getInt("height"), rs.getLong("byte_count"),
                                rs.getString("sha256"), rs.getString("storage_key"), rs.getLong("tokens_used"),
                                sql.instant(rs, "created_at"), sql.instant(rs, "updated_at"), new ArrayList<>(),
                                new ArrayList<>()));
                    }
                }
            }
            if (rows.isEmpty()) {
                return rows;
            }
            Map<UUID, Row> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.id(), row));
            try (PreparedStatement select = c.prepareStatement(Statements.in(
                    "SELECT image_id, tag FROM image_tags WHERE image_id IN (?)", rows.size()))) {
                for (int i = 0; i < rows.size(); i++) {
                    sql.uuid(select, i + 1, rows.get(i).id());
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        byId.get(sql.uuid(rs, "image_id")).tags().add(rs.getString("tag"));
                    }
                }
            }
            try (PreparedStatement select = c.prepareStatement(Statements.in("SELECT image_id, kind, format, width,"
                    + " height, byte_count, storage_key FROM image_variants WHERE image_id IN (?)", rows.size()))) {
                for (int i = 0; i < rows.size(); i++) {
                    sql.uuid(select, i + 1, rows.get(i).id());
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        byId.get(sql.uuid(rs, "image_id")).variants().add(new Object[] {rs.getString("kind"),
                            rs.getString("format"), rs.getInt("width"), rs.getInt("height"), rs.getLong("byte_count"),
                            rs.getString("storage_key")});
                    }
                }
            }
            return rows;
        }

        private static Map<String, Object> json(String text) {
            try {
                return JSON.readValue(text, MAP);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored JSON is not readable: " + e.getMessage(), e);
            }
        }

        @Override
        public void check(long genstoreOps, long baselineOps) throws Exception {
            for (String database : List.of("gallery_genstore", "gallery_baseline")) {
                try (Connection c = backend.connect(database); Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM images")) {
                    rs.next();
                    if (rs.getLong(1) != size) {
                        throw new IllegalStateException(database + " holds " + rs.getLong(1) + " images, not " + size);
                    }
                }
            }
        }

        @Override
        public void close() {
            // the run closes the store and the baseline's connections
        }
    }
}
