package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.cache.NewCacheEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The write-ahead log is copied back into the database file by a thread of the store's own, not by the committing
 * writer: the database file grows after the writes without another write, and the thread ends with the store.
 */
class SqliteCheckpointTest {
    private static final String THREAD = "genstore-sqlite-checkpoint";

    @TempDir
    Path dir;

    @Test
    void theLogReachesTheDatabaseFileWithoutAnotherWrite() throws Exception {
        Path file = dir.resolve("app.db");
        Map<String, Object> configuration = Map.of("model", "sdxl");
        byte[][] values = new byte[100][];
        Random random = new Random(3);
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            assertTrue(checkpointThreads() >= 1);
            long before = Files.size(file);
            // About 500 pages: far below the writer's own threshold, so only the background thread copies them.
            for (int i = 0; i < values.length; i++) {
                values[i] = new byte[20_000];
                random.nextBytes(values[i]);
                store.cache().put(NewCacheEntry.of("thumbs", "item-" + i, configuration, "image/webp"), values[i]);
            }
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (Files.size(file) < before + 1_000_000 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(Files.size(file) >= before + 1_000_000, "database file " + Files.size(file) + " bytes, was " + before);
            for (int i = 0; i < values.length; i++) {
                assertArrayEquals(values[i], store.cache().get("thumbs", "item-" + i, configuration).orElseThrow().content());
            }
        }
        awaitNoCheckpointThread();
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            assertArrayEquals(values[42], store.cache().get("thumbs", "item-42", configuration).orElseThrow().content());
            assertEquals(100, store.cache().statistics().entries());
        }
        awaitNoCheckpointThread();
    }

    @Test
    void aReadOnlyStoreStartsNoCheckpointer() throws IOException {
        Path file = dir.resolve("app.db");
        Genstore.open(SqliteStorage.file(file)).close();
        awaitNoCheckpointThread();
        try (Genstore store = Genstore.open(SqliteStorage.file(file).readOnly())) {
            assertEquals(0, store.cache().statistics().entries());
            assertEquals(0, checkpointThreads());
        }
    }

    /** This test's stores' checkpoint threads (named after the file: other tests' stores may be open in this JVM). */
    private long checkpointThreads() {
        String name = THREAD + " " + dir.resolve("app.db").toAbsolutePath();
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).count();
    }

    private void awaitNoCheckpointThread() {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (checkpointThreads() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertFalse(checkpointThreads() > 0, "a checkpoint thread outlived its store");
    }
}
