package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.StorageException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write lock processes sharing a SQLite file queue on: deadlines, a holder killed with -9, who takes it. */
class SqliteProcessWriteLockTest {
    @TempDir
    Path dir;

    @Test
    void aProcessKilledWhileHoldingTheWriteLockLosesItAndWaitersGiveUpAtTheirDeadlineMeanwhile() throws Exception {
        Path file = dir.resolve("held.db");
        UserId user;
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            user = store.accounts().create(NewUser.withEmail("held@example.com")).id();
            store.ledger().credit(user, 100, "GRANT", "grant");
        }
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), HoldWriteLockWorker.class.getName(),
                file.toString(), user.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(file))
                .operationDeadline(Duration.ofSeconds(1)).build()) {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("HOLDING", out.readLine());

            StorageException waited = assertThrows(StorageException.class,
                    () -> store.ledger().debit(user, 1, "SPEND", "while-held"));
            assertTrue(waited.retryable(), waited.toString());
            assertTrue(waited.getMessage().contains("other processes"), waited.getMessage());
            assertEquals(100, store.ledger().account(user).balance(), "reads do not wait for the write lock");

            holder.destroyForcibly(); // SIGKILL: no shutdown hook, no finally, no unlock
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));

            store.ledger().debit(user, 1, "SPEND", "after-kill");
            assertEquals(99, store.ledger().account(user).balance(), "the killed transaction's credit never happened");
            assertEquals(List.of(), store.ledger().verify());
        } finally {
            holder.destroyForcibly();
        }
    }

    @Test
    void aWriteWaitingForAnotherThreadOfThisProcessGivesUpAtItsDeadline() throws Exception {
        Path file = dir.resolve("threads.db");
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(file))
                .operationDeadline(Duration.ofSeconds(1)).build()) {
            UserId user = store.accounts().create(NewUser.withEmail("threads@example.com")).id();
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<?> holding = thread.submit(() -> store.useTransaction(tx -> {
                    tx.ledger().credit(user, 10, "GRANT", "held-grant");
                    inside.countDown();
                    await(release);
                }));
                assertTrue(inside.await(30, TimeUnit.SECONDS));
                StorageException waited = assertThrows(StorageException.class,
                        () -> store.ledger().credit(user, 5, "GRANT", "waiting-grant"));
                assertTrue(waited.retryable(), waited.toString());
                assertTrue(waited.getMessage().contains("this process"), waited.getMessage());
                release.countDown();
                holding.get(30, TimeUnit.SECONDS);
                store.ledger().credit(user, 5, "GRANT", "waiting-grant");
                assertEquals(15, store.ledger().account(user).balance());
            } finally {
                release.countDown();
                thread.shutdownNow();
            }
        }
    }

    @Test
    void twoStoresOnOneFileInOneProcessShareTheLock() throws Exception {
        Path file = dir.resolve("two.db");
        try (Genstore first = Genstore.open(SqliteStorage.file(file));
             Genstore second = Genstore.open(SqliteStorage.file(file))) {
            UserId user = first.accounts().create(NewUser.withEmail("two@example.com")).id();
            first.ledger().credit(user, 1_000, "GRANT", "grant");
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> runs = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Genstore store = t % 2 == 0 ? first : second;
                    String prefix = "t" + t + "-";
                    runs.add(threads.submit(() -> {
                        for (int i = 0; i < 50; i++) {
                            store.ledger().debit(user, 1, "SPEND", prefix + i);
                        }
                    }));
                }
                for (Future<?> run : runs) {
                    run.get(60, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertEquals(800, second.ledger().account(user).balance());
            assertEquals(List.of(), second.ledger().verify());
        }
        assertTrue(Files.exists(SqliteStorage.file(file).lockFile()));
    }

    @Test
    void readOnlyAndUnlockedStoresCreateNoLockFile() {
        Path file = dir.resolve("plain.db");
        SqliteStorage unlocked = SqliteStorage.file(file).processWriteLock(false);
        try (Genstore store = Genstore.open(unlocked)) {
            store.accounts().create(NewUser.withEmail("plain@example.com"));
        }
        try (Genstore store = Genstore.open(SqliteStorage.file(file).readOnly())) {
            assertEquals(1, store.accounts().list(dev.genstore.paging.PageRequest.first(10)).items().size());
        }
        assertFalse(Files.exists(unlocked.lockFile()), "neither a read-only nor an unlocked store makes the lock file");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
