package dev.genstore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.StorageException;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.NewJob;
import dev.genstore.paging.PageRequest;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a real PostgreSQL server stopped ({@code pg_ctl stop -m fast}) and started again on the same data directory
 * and port while threads debit and workers claim and complete. The same store instance carries on without reopening,
 * every exception a caller saw was retryable, nothing acknowledged is lost or doubled, no job is left running, and
 * verify is clean.
 */
class PostgresRestartTest {
    private static final long TOKENS = 1_000_000;
    private static final int DEBITORS = 3;
    private static final int WORKERS = 2;
    private static final int JOBS = 100;

    @TempDir
    Path dir;

    private final Queue<Throwable> seen = new ConcurrentLinkedQueue<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private volatile boolean stop;

    private EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Runs a call until it succeeds, as a careful caller would: again after a retryable failure only. */
    private <T> T untilDone(Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (RuntimeException e) {
                seen.add(e);
                if (!(e instanceof StorageException storage) || !storage.retryable()) {
                    throw e;
                }
            }
        }
    }

    private void awaitAcknowledged(long count) throws InterruptedException {
        while (acknowledged.get() < count && seen.stream().noneMatch(PostgresRestartTest::notRetryable)) {
            Thread.sleep(10);
        }
    }

    private static void pauseBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean notRetryable(Throwable e) {
        return !(e instanceof StorageException storage) || !storage.retryable();
    }

    @Test
    void theStoreCarriesOnThroughAServerRestart() throws Exception {
        Path data = dir.resolve("pgdata");
        int port = freePort();
        EmbeddedPostgres server = start(data, port);
        String url = server.getJdbcUrl("postgres", "postgres");
        try (Genstore store = Genstore.builder().storage(PostgresStorage.of(url).poolSize(8)).build()) {
            List<UserId> debitors = new ArrayList<>();
            for (int i = 0; i < DEBITORS; i++) {
                UserId user = store.accounts().create(NewUser.withEmail("debitor" + i + "@example.com")).id();
                store.ledger().credit(user, TOKENS, "TEST_CREDIT", "initial-" + i);
                debitors.add(user);
            }
            UserId owner = store.accounts().create(NewUser.withEmail("jobs@example.com")).id();
            for (int i = 0; i < JOBS; i++) {
                store.jobs().submit(NewJob.of(owner, "prompt " + i, "openai", "m"));
            }

            AtomicLongArray debited = new AtomicLongArray(DEBITORS);
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < DEBITORS; i++) {
                int index = i;
                threads.add(new Thread(() -> {
                    for (long n = 0; !stop; n++) {
                        try {
                            store.ledger().debit(debitors.get(index), 1, "GENERATION", "debit-" + index + "-" + n);
                            debited.incrementAndGet(index);
                            acknowledged.incrementAndGet();
                        } catch (RuntimeException e) {
                            seen.add(e); // not acknowledged: must not have happened
                            if (notRetryable(e)) {
                                return;
                            }
                        }
                    }
                }, "debitor-" + i));
            }
            for (int i = 0; i < WORKERS; i++) {
                String worker = "worker-" + i;
                threads.add(new Thread(() -> {
                    while (!stop) {
                        List<ClaimedJob> claimed;
                        try {
                            claimed = untilDone(() -> store.queue().claim(worker, 5, Duration.ofMinutes(10)));
                            for (ClaimedJob job : claimed) {
                                untilDone(() -> store.queue().complete(job.id(), job.fencingToken(), 1, 0));
                            }
                        } catch (RuntimeException e) {
                            return; // not retryable: recorded, the test fails
                        }
                        if (claimed.isEmpty()) {
                            pauseBriefly(); // the queue is drained for now; the submitter adds more
                        }
                    }
                }, worker));
            }
            AtomicLong submitted = new AtomicLong();
            threads.add(new Thread(() -> {
                for (long n = 0; !stop; n++) {
                    try {
                        store.jobs().submit(NewJob.of(owner, "later " + n, "openai", "m"));
                        submitted.incrementAndGet();
                    } catch (RuntimeException e) {
                        seen.add(e); // not acknowledged: must not have happened
                        if (notRetryable(e)) {
                            return;
                        }
                    }
                    pauseBriefly();
                }
            }, "submitter"));
            threads.forEach(Thread::start);

            awaitAcknowledged(200);
            server.close(); // pg_ctl stop -m fast: sessions get 57P01, new connections are refused
            long atRestart = acknowledged.get();
            server = start(data, port);
            awaitAcknowledged(atRestart + 200);
            stop = true;
            for (Thread thread : threads) {
                thread.join();
            }

            assertEquals(List.of(), seen.stream().filter(PostgresRestartTest::notRetryable).toList(),
                    "a caller saw a failure that was not retryable");
            for (int i = 0; i < DEBITORS; i++) {
                assertEquals(TOKENS - debited.get(i), store.ledger().account(debitors.get(i)).balance(),
                        "debits of debitor " + i + " lost or doubled");
            }
            assertEquals(List.of(), store.jobs().history(owner, Set.of(JobStatus.RUNNING), PageRequest.first(10)).items(),
                    "a job was left running");
            assertEquals(JOBS + submitted.get(), store.jobs().statistics(JobScope.of(owner)).totalJobs(),
                    "submitted jobs lost or doubled");
            assertEquals(List.of(), store.ledger().verify());
            assertTrue(store.operations().verify().healthy(), () -> store.operations().verify().toString());
            store.ledger().debit(debitors.get(0), 1, "GENERATION", "after-restart");
        } finally {
            server.close();
        }
    }

    @Test
    void aCallPastItsDeadlineSaysTheDatabaseIsUnreachable() throws Exception {
        Path data = dir.resolve("pgdata-deadline");
        int port = freePort();
        EmbeddedPostgres server = start(data, port);
        String url = server.getJdbcUrl("postgres", "postgres");
        try (Genstore store = Genstore.builder().storage(PostgresStorage.of(url)).operationDeadline(Duration.ofSeconds(1))
                .build()) {
            UserId user = store.accounts().create(NewUser.withEmail("deadline@example.com")).id();
            store.ledger().credit(user, 10, "TEST_CREDIT", "initial");
            server.close();

            StorageException down = assertThrows(StorageException.class,
                    () -> store.ledger().debit(user, 1, "GENERATION", "while-down"));
            assertTrue(down.retryable(), down.toString());
            assertTrue(down.getMessage().contains("database unreachable"), down.getMessage());
            StorageException readDown = assertThrows(StorageException.class,
                    () -> store.ledger().account(user));
            assertTrue(readDown.retryable() && readDown.getMessage().contains("database unreachable"),
                    readDown.getMessage());

            server = start(data, port);
            untilDone(() -> store.ledger().debit(user, 1, "GENERATION", "after-restart"));
            assertEquals(9, store.ledger().account(user).balance());
        } finally {
            server.close();
        }
    }

    /** Nothing listens on the port: opening fails with a retryable StorageException, not the pool's own exception. */
    @Test
    void openingAStoreWhoseServerIsDownThrowsARetryableStorageException() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + freePort() + "/postgres";
        StorageException down = assertThrows(StorageException.class, () -> Genstore.builder()
                .storage(PostgresStorage.of(url, "postgres", "postgres")).operationDeadline(Duration.ofSeconds(1)).build());
        assertTrue(down.retryable(), down.toString());
        assertTrue(down.getMessage().contains("cannot be opened"), down.getMessage());
    }
}
