package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genstore.Genstore;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each connection's page cache is a setting; the store works the same with a cache far smaller than its data. */
class SqlitePageCacheTest {
    @TempDir
    Path dir;

    @Test
    void outOfRangeSizesAreRefusedBeforeAnythingIsCreated() {
        Path file = dir.resolve("app.db");
        SqliteStorage storage = SqliteStorage.file(file);
        for (long bytes : new long[] {-1, 0, 65_535, (16L << 30) + 1, Long.MAX_VALUE, Long.MIN_VALUE}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class, () -> storage.pageCache(bytes));
            assertEquals("pageCache", refused.field());
        }
        assertEquals(false, Files.exists(file));
    }

    @Test
    void aStoreWithASmallPageCacheReadsBackEverythingItWrote() {
        Path file = dir.resolve("app.db");
        Map<String, Object> configuration = Map.of("model", "sdxl");
        byte[][] values = new byte[200][];
        Random random = new Random(7);
        try (Genstore store = Genstore.open(SqliteStorage.file(file).pageCache(64 * 1024))) {
            for (int i = 0; i < values.length; i++) {
                values[i] = new byte[20_000];
                random.nextBytes(values[i]);
                store.cache().put(NewCacheEntry.of("thumbs", "item-" + i, configuration, "image/webp"), values[i]);
            }
            for (int i = 0; i < values.length; i++) {
                assertArrayEquals(values[i], store.cache().get("thumbs", "item-" + i, configuration).orElseThrow().content());
            }
        }
        try (Genstore store = Genstore.open(SqliteStorage.file(file).pageCache(SqliteStorage.DEFAULT_PAGE_CACHE_BYTES * 4))) {
            assertArrayEquals(values[123], store.cache().get("thumbs", "item-123", configuration).orElseThrow().content());
        }
    }
}
