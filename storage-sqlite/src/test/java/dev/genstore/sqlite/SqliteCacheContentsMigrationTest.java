package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.CachedImage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V19 moves the cache's inline bytes from cache_entries to cache_contents, rebuilding cache_entries (SQLite cannot drop
 * a column a CHECK names). Entries written under V18 read back whole after it, hits are written to the entries' rows,
 * and removing an entry takes its contents row with it.
 */
class SqliteCacheContentsMigrationTest {
    @TempDir
    Path dir;

    @Test
    void inlineValuesWrittenBeforeV19ReadBackWholeAfterIt() throws Exception {
        Path file = dir.resolve("app.db");
        Flyway.configure().dataSource("jdbc:sqlite:" + file, null, null)
                .locations("classpath:dev/genstore/sqlite/migration").table("genstore_schema_history")
                .target("18").load().migrate();
        byte[] small = new byte[20_000];
        new Random(5).nextBytes(small);
        Map<String, Object> configuration = Map.of("model", "sdxl");
        String hash;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            // The hash as genstore computes it, from a store that never opens this file.
            try (Genstore other = Genstore.open(SqliteStorage.file(dir.resolve("other.db")))) {
                hash = other.cache().configurationHash(configuration);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO cache_entries (id, namespace, item_key,"
                    + " config_hash, blob_key, content_type, byte_count, metadata, source_image_id, hit_count, created_at,"
                    + " last_accessed_at, content) VALUES (?, 'thumbs', ?, ?, NULL, 'image/webp', ?, '{}', NULL, 0, ?, ?, ?)")) {
                for (int i = 0; i < 3; i++) {
                    insert.setString(1, "0190b6c2-0000-7000-8000-00000000000" + i);
                    insert.setString(2, "item-" + i);
                    insert.setString(3, hash);
                    insert.setLong(4, small.length);
                    insert.setLong(5, 1_700_000_000_000_000L + i);
                    insert.setLong(6, 1_700_000_000_000_000L + i);
                    insert.setBytes(7, small);
                    insert.executeUpdate();
                }
            }
        }

        // Every hit written at once, so the reads below see the counters in the rows.
        CachePolicy flushEachHit = new CachePolicy(10_000, 1L << 30, null, 1);
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(file)).cachePolicy(flushEachHit).build()) {
            for (int i = 0; i < 3; i++) {
                CachedImage hit = store.cache().get("thumbs", "item-" + i, configuration).orElseThrow();
                assertArrayEquals(small, hit.content(), "item-" + i);
                assertEquals(0, hit.entry().hitCount(), "no hit before this one");
            }
            assertEquals(1, store.cache().peek("thumbs", "item-0", configuration).orElseThrow().hitCount(), "the hit written");
            assertEquals(List.of(), store.operations().verify().problems());
            assertEquals(1, store.cache().invalidate("thumbs", "item-1", Map.of("model", "another")));
            assertTrue(store.cache().get("thumbs", "item-1", configuration).isEmpty());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            assertEquals(2, count(s, "SELECT COUNT(*) FROM cache_contents"), "the removed entry's contents went with it");
            assertEquals(0, count(s, "SELECT COUNT(*) FROM pragma_table_info('cache_entries') WHERE name = 'content'"));
            assertEquals(0, count(s, "SELECT COUNT(*) FROM pragma_foreign_key_check"));
        }
    }

    private static long count(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
