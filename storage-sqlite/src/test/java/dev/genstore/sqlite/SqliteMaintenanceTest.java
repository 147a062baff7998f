package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.ops.MaintenanceReport;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code operations().maintain()} ends with a {@code TRUNCATE} checkpoint, and SQLite answers busy at once when another
 * connection is running a checkpoint (the store's own background checkpointer does, every 100 ms). Maintenance tries
 * again, so a checkpoint running beside it does not make it report busy.
 */
class SqliteMaintenanceTest {
    @TempDir
    Path dir;

    @Test
    void aCheckpointRunningBesideMaintenanceDoesNotMakeItBusy() throws Exception {
        Path file = dir.resolve("app.db");
        ExecutorService pool = Executors.newSingleThreadExecutor();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong checkpoints = new AtomicLong();
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            UserId ann = store.accounts().create(NewUser.withEmail("ann@example.com")).id();
            // Another connection checkpoints back to back: most of the time, it holds the checkpoint lock.
            Future<?> rival = pool.submit(() -> {
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                    while (running.get()) {
                        try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                            r.next();
                        }
                        checkpoints.incrementAndGet();
                    }
                }
                return null;
            });
            for (int i = 0; i < 20; i++) {
                store.ledger().credit(ann, 1, "GRANT", "grant-" + i); // something in the log to copy back
                MaintenanceReport report = store.operations().maintain();
                assertTrue(report.steps().get(3).startsWith("wal_checkpoint(TRUNCATE): busy=0"), report::toString);
            }
            running.set(false);
            rival.get(1, TimeUnit.MINUTES);
            assertTrue(checkpoints.get() > 20, "the rival ran: " + checkpoints.get() + " checkpoints");
            assertEquals(20, store.ledger().account(ann).balance());
            assertTrue(store.operations().verify().healthy());
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
    }
}
