package dev.genstore.sqlite;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.NewJob;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A separate JVM writing a shared SQLite file in {@link SqliteProcessFairnessTest}: each thread loops debit 1 token,
 * submit a job costing 1, claim one job, complete it (every call its own write transaction).
 *
 * <p>Arguments: database path, file of user ids (one a line), worker name, threads, whether to take the process write
 * lock. Standard input drives it, a line each: {@code GO} starts the threads, {@code COUNT} starts counting finished
 * calls, {@code STOP} stops the threads. Standard output: {@code READY} (store open), {@code STARTED} (first call
 * done), then at the end {@code COUNTED <calls since COUNT>} and {@code DONE debits=<n> completes=<n>}.
 */
public final class SharedFileWorker {
    private static volatile boolean counting;
    private static volatile boolean stopped;
    private static final AtomicLong COUNTED = new AtomicLong();
    private static final AtomicLong DEBITS = new AtomicLong();
    private static final AtomicLong COMPLETES = new AtomicLong();

    private SharedFileWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        List<UserId> users = Files.readAllLines(Path.of(args[1])).stream().map(UserId::parse).toList();
        String name = args[2];
        int threads = Integer.parseInt(args[3]);
        boolean lock = Boolean.parseBoolean(args[4]);
        // A long deadline: on a machine loaded many times over a wait may be long, and this test counts turns, not time.
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(file).processWriteLock(lock))
                .operationDeadline(Duration.ofMinutes(10)).build()) {
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            expect(in, "GO");
            List<Thread> running = new ArrayList<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            for (int t = 0; t < threads; t++) {
                String worker = name + "-" + t;
                Thread thread = new Thread(() -> {
                    try {
                        loop(store, users, worker);
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                running.add(thread);
                thread.start();
            }
            expect(in, "COUNT");
            counting = true;
            expect(in, "STOP");
            counting = false;
            stopped = true;
            for (Thread thread : running) {
                thread.join();
            }
            if (!failures.isEmpty()) {
                failures.get(0).printStackTrace();
                System.exit(1);
            }
            System.out.println("COUNTED " + COUNTED.get());
            System.out.println("DONE debits=" + DEBITS.get() + " completes=" + COMPLETES.get());
        }
    }

    private static void loop(Genstore store, List<UserId> users, String worker) {
        long reference = 0;
        boolean first = true;
        while (!stopped) {
            UserId user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
            store.ledger().debit(user, 1, "SHARE", worker + "-" + ProcessHandle.current().pid() + "-" + reference++);
            DEBITS.incrementAndGet();
            done();
            if (first) {
                first = false;
                synchronized (System.out) {
                    System.out.println("STARTED");
                    System.out.flush();
                }
            }
            store.jobs().submit(NewJob.of(user, "a lighthouse", "share", "model-x").tokenCost(1));
            done();
            for (ClaimedJob job : store.queue().claim(worker, 1, Duration.ofMinutes(10))) {
                done();
                store.queue().complete(job.id(), job.fencingToken(), 1, 0);
                COMPLETES.incrementAndGet();
            }
            done();
        }
    }

    private static void done() {
        if (counting) {
            COUNTED.incrementAndGet();
        }
    }

    private static void expect(BufferedReader in, String command) throws Exception {
        String line = in.readLine();
        if (!command.equals(line)) {
            throw new IllegalStateException("expected " + command + ", got " + line);
        }
    }
}
