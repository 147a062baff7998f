package dev.genstore.benchmarks.workloads;

import dev.genstore.benchmarks.baseline.Binding;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * A realistic SQLite store for the operations workloads ({@code copy}, {@code backup}), bulk-loaded with JDBC batches
 * into genstore's own schema (the store must have been opened once, so its migrations ran). Per user, 100 rows: the
 * user, its token account, 30 ledger entries (a grant, then debits, a consistent chain), 10 jobs, 15 images (two per
 * job), 30 variants (thumbnail and web), 5 tags, 4 prompts and their 4 per-model counts. Every {@code n}-th image is
 * backed by a blob file of 20–100 KB of random bytes (incompressible, as image files are) in the store's blob
 * directory, with a content-type sidecar as genstore writes it, and the row's size and SHA-256 match the file.
 */
final class StoreData {
    static final int ROWS_PER_USER = 100;
    private static final int ENTRIES = 30;
    private static final int JOBS = 10;
    private static final int IMAGES = 15;
    private static final int TAGS = 5;
    private static final int PROMPTS = 4;
    private static final long GRANT = 10_000;
    private static final String[] TAG_NAMES = {"portrait", "landscape", "favourite", "draft", "print"};
    private static final String[] WORDS = {"castle", "forest", "neon", "city", "portrait", "river", "sunset", "cat",
        "astronaut", "watercolor", "cinematic", "lighting", "mountain", "ocean", "robot", "garden", "winter", "dragon"};
    private static final Binding BIND = Binding.SQLITE;

    /**
     * What was loaded.
     *
     * @param users the users' ids (each with a token account holding a few thousand tokens)
     */
    record Loaded(long rows, long blobs, long blobBytes, UUID[] users) {
    }

    private final int users;
    private final int blobStride;
    private final Instant start = Instant.now().minusSeconds(365L * 86_400);

    /** About {@code rows} rows (a multiple of 100) and {@code blobs} blob files (at most one per image). */
    StoreData(int rows, int blobs) {
        this.users = Math.max(1, rows / ROWS_PER_USER);
        this.blobStride = Math.max(1, users * IMAGES / Math.max(1, blobs));
    }

    /** The id of entity {@code index} of {@code kind}: a version-7 UUID, unique per kind and index. */
    static UUID id(int kind, long index) {
        long millis = 1_600_000_000_000L + index;
        return new UUID((millis << 16) | 0x7000L | (kind & 0xFFF),
                0x8000_0000_0000_0000L | (index * 0x9E37_79B9L + kind) & 0x3FFF_FFFF_FFFF_FFFFL);
    }

    private Instant at(long index, int perUser) {
        return start.plusSeconds(index * 86_400L * 365 / ((long) users * perUser + 1));
    }

    private long debit(int user, int sequence) {
        return 1 + (user + sequence) % 20;
    }

    private long balanceAfter(int user, int sequence) {
        long balance = GRANT;
        for (int s = 2; s <= sequence; s++) {
            balance -= debit(user, s);
        }
        return balance;
    }

    private String prompt(int seed) {
        Random random = new Random(seed);
        StringBuilder text = new StringBuilder("a");
        for (int i = 0; i < 8; i++) {
            text.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.append(", variation ").append(seed).toString();
    }

    /** Loads every row and writes every blob file; the connection must reach a migrated, empty store. */
    Loaded load(Connection c, Path blobDirectory) throws SQLException, IOException {
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA cache_size = -262144");
            s.execute("PRAGMA synchronous = OFF");
        }
        c.setAutoCommit(false);
        long rows = 0;
        long[] blobs = {0, 0};
        UUID[] ids = new UUID[users];
        for (int u = 0; u < users; u++) {
            ids[u] = id(1, u);
        }
        rows += insert(c, "users", "id, email, display_name, language, created_at, updated_at", users, u -> List.of(
                ids[u], "user" + u + "@bench.example.com", "User " + u, "en", at(u, 1), at(u, 1)));
        rows += insert(c, "token_accounts", "user_id, plan, balance, held, last_sequence, created_at, updated_at", users,
                u -> List.of(ids[u], "FREE", balanceAfter(u, ENTRIES), 0L, (long) ENTRIES, at(u, 1), at(u, 1)));
        rows += insert(c, "ledger_entries", "user_id, sequence, amount, reason, reference_id, balance_after, hold_id,"
                + " created_at", users * ENTRIES, i -> {
                    int u = i / ENTRIES;
                    int s = i % ENTRIES + 1;
                    return Arrays.asList(ids[u], (long) s, s == 1 ? GRANT : -debit(u, s), s == 1 ? "GRANT" : "GENERATION",
                            "ref-" + u + "-" + s, balanceAfter(u, s), null, at(i, ENTRIES));
                });
        rows += insert(c, "jobs", "id, owner_id, configuration_id, prompt, parameters, provider, model, token_cost,"
                + " priority, status, outcome, total_images, successful_images, failed_images, attempts, max_attempts,"
                + " run_after, lease_owner, lease_expires_at, error_message, idempotency_key, hold_id, created_at,"
                + " started_at, completed_at", users * JOBS, i -> {
                    Instant created = at(i, JOBS);
                    return Arrays.asList(id(2, i), ids[i / JOBS], null, prompt(i),
                            "{\"steps\":30,\"cfg\":7.5,\"size\":\"1024x1024\"}", "replicate", "sdxl-1.0", 4L, 0, "SUCCEEDED",
                            "SUCCEEDED", 2, 2, 0, 1, 3, created, null, null, null, "job-" + i, null, created,
                            created.plusSeconds(2), created.plusSeconds(20));
                });
        rows += insert(c, "images", "id, owner_id, job_id, type, status, error_message, title, description, prompt,"
                + " seed, model, processing_settings, metadata, qc_status, qc_reason, format, width, height, byte_count,"
                + " sha256, storage_key, tokens_used, created_at, updated_at", users * IMAGES, i -> {
                    int u = i / IMAGES;
                    UUID owner = ids[u];
                    UUID image = id(3, i);
                    int job = u * JOBS + i % IMAGES / 2;
                    String key = "genstore/images/" + owner + "/" + image + ".png";
                    Random random = new Random(i);
                    byte[] content = null;
                    long size = 1_200_000 + random.nextInt(400_000);
                    String sha = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
                    if (i % blobStride == 0) {
                        content = new byte[20_000 + random.nextInt(80_000)];
                        random.nextBytes(content);
                        size = content.length;
                        sha = sha256(content);
                        writeBlob(blobDirectory, key, content);
                        blobs[0]++;
                        blobs[1] += size;
                    }
                    Instant created = at(i, IMAGES);
                    return Arrays.asList(image, owner, id(2, job), "GENERATED", "COMPLETED", null, null, null, prompt(job),
                            random.nextLong() >>> 20, "sdxl-1.0", "{\"upscale\":false}",
                            "{\"sampler\":\"dpmpp_2m\",\"steps\":30,\"nsfw\":false}", "PENDING", null, "png", 1024, 1024,
                            size, sha, key, 2L, created, created);
                });
        rows += insert(c, "image_variants", "image_id, kind, format, width, height, byte_count, storage_key",
                users * IMAGES * 2, i -> {
                    int image = i / 2;
                    boolean thumbnail = i % 2 == 0;
                    String stem = "genstore/images/" + ids[image / IMAGES] + "/" + id(3, image);
                    return List.of(id(3, image), thumbnail ? "THUMBNAIL" : "WEB", "WEBP", thumbnail ? 256 : 1024,
                            thumbnail ? 256 : 1024, thumbnail ? 9_000L + i % 4_000 : 110_000L + i % 40_000,
                            stem + (thumbnail ? ".thumbnail.webp" : ".web.webp"));
                });
        rows += insert(c, "image_tags", "image_id, owner_id, tag", users * TAGS, i -> {
            int u = i / TAGS;
            return List.of(id(3, u * IMAGES + i % TAGS), ids[u], TAG_NAMES[i % TAGS]);
        });
        rows += insert(c, "prompts", "id, text, normalized, hash, total_uses, first_used_at, last_used_at, search_terms",
                users * PROMPTS, i -> {
                    String text = prompt(1_000_000_000 + i);
                    String normalized = text.toLowerCase(java.util.Locale.ROOT);
                    return List.of(id(4, i), text, normalized, sha256(normalized.getBytes(StandardCharsets.UTF_8)),
                            (long) 1 + i % 7, at(i, PROMPTS), at(i, PROMPTS).plusSeconds(3_600),
                            normalized.replace(",", ""));
                });
        rows += insert(c, "prompt_models", "prompt_id, model, uses", users * PROMPTS,
                i -> List.of(id(4, i), "sdxl-1.0", (long) 1 + i % 7));
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        return new Loaded(rows, blobs[0], blobs[1], ids);
    }

    /** Inserts {@code count} rows made by {@code row} (values in column order) in batches of 1,000. */
    private static long insert(Connection c, String table, String columns, int count, IntFunction<List<Object>> row)
            throws SQLException {
        int width = columns.split(",").length;
        String sql = "INSERT INTO " + table + " (" + columns + ") VALUES (?" + ", ?".repeat(width - 1) + ")";
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (int i = 0; i < count; i++) {
                List<Object> values = row.apply(i);
                for (int p = 0; p < width; p++) {
                    bind(insert, p + 1, values.get(p));
                }
                insert.addBatch();
                if ((i + 1) % 1_000 == 0 || i == count - 1) {
                    insert.executeBatch();
                    if ((i + 1) % 50_000 == 0 || i == count - 1) {
                        c.commit();
                    }
                }
            }
        }
        return count;
    }

    private static void bind(PreparedStatement insert, int index, Object value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.NULL);
        } else if (value instanceof UUID id) {
            BIND.uuid(insert, index, id);
        } else if (value instanceof Instant instant) {
            BIND.instant(insert, index, instant);
        } else {
            insert.setObject(index, value);
        }
    }

    /** The file and its content-type sidecar, as FileSystemBlobStore lays them out (not forced: a bulk load). */
    private static void writeBlob(Path root, String key, byte[] content) {
        try {
            Path file = root.resolve(key);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            Path sidecar = root.resolve(".meta").resolve(key);
            Files.createDirectories(sidecar.getParent());
            Files.writeString(sidecar, "image/png");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
