package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.NewJob;
import dev.genstore.sqlite.SqliteStorage;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One process of {@link MultiprocessWorkload}: {@code MultiprocessWorker FILE USERS_FILE NAME THREADS WARMUP_MS
 * MEASURE_MS LATENCY_FILE LOCK}. Opens the store, prints {@code READY}, waits for a line {@code GO} on standard input,
 * then each thread loops: debit 1 token from a random account, submit a job costing 1 token, claim one job, complete
 * what it claimed (each call one operation, its own transaction). Operations that start after the warm-up and before
 * its end plus the measured time are counted; their latencies (microseconds) go to LATENCY_FILE as ints. Prints
 * {@code DONE ops=… debits=… submits=… completes=…} (the counts of the whole run, warm-up included, for the invariant
 * check) and {@code MEASURED ops=…}.
 */
public final class MultiprocessWorker {
    private MultiprocessWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        List<UserId> users = Files.readAllLines(Path.of(args[1])).stream().map(UserId::parse).toList();
        String name = args[2];
        int threads = Integer.parseInt(args[3]);
        long warmupNanos = Long.parseLong(args[4]) * 1_000_000;
        long measureNanos = Long.parseLong(args[5]) * 1_000_000;
        Path latencyFile = Path.of(args[6]);
        boolean lock = Boolean.parseBoolean(args[7]);
        try (Genstore store = Genstore.open(SqliteStorage.file(file).processWriteLock(lock))) {
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"GO".equals(in.readLine())) {
                throw new IllegalStateException("expected GO");
            }
            long start = System.nanoTime();
            long from = start + warmupNanos;
            long until = from + measureNanos;
            List<Loop> loops = new ArrayList<>();
            List<Thread> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Loop loop = new Loop(store, users, name + "-" + t, from, until);
                loops.add(loop);
                Thread thread = new Thread(loop, "worker-" + t);
                running.add(thread);
                thread.start();
            }
            for (Thread thread : running) {
                thread.join();
            }
            long ops = 0;
            long measured = 0;
            long debits = 0;
            long submits = 0;
            long completes = 0;
            try (OutputStream out = Files.newOutputStream(latencyFile);
                 DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out))) {
                for (Loop loop : loops) {
                    if (loop.failure != null) {
                        throw loop.failure;
                    }
                    ops += loop.ops;
                    debits += loop.debits;
                    submits += loop.submits;
                    completes += loop.completes;
                    measured += loop.latencies.size;
                    for (int i = 0; i < loop.latencies.size; i++) {
                        data.writeInt(loop.latencies.values[i]);
                    }
                }
            }
            System.out.println("DONE ops=" + ops + " debits=" + debits + " submits=" + submits + " completes=" + completes);
            System.out.println("MEASURED ops=" + measured);
        }
    }

    /** One thread's loop of debit, submit, claim, complete. */
    private static final class Loop implements Runnable {
        private static final AtomicLong REFERENCES = new AtomicLong();
        private final Genstore store;
        private final List<UserId> users;
        private final String worker;
        private final long from;
        private final long until;
        final Ints latencies = new Ints();
        long ops;
        long debits;
        long submits;
        long completes;
        Exception failure;

        Loop(Genstore store, List<UserId> users, String worker, long from, long until) {
            this.store = store;
            this.users = users;
            this.worker = worker;
            this.from = from;
            this.until = until;
        }

        @Override
        public void run() {
            try {
                String prefix = worker + "-" + ProcessHandle.current().pid() + "-";
                while (System.nanoTime() < until) {
                    UserId user = users.get(ThreadLocalRandom.current().nextInt(users.size()));
                    timed(() -> store.ledger().debit(user, 1, "BENCH", prefix + REFERENCES.incrementAndGet()));
                    debits++;
                    timed(() -> store.jobs().submit(NewJob.of(user, "a lighthouse at dusk", "bench", "model-x")
                            .tokenCost(1)));
                    submits++;
                    List<ClaimedJob> claimed = timed(() -> store.queue().claim(worker, 1, Duration.ofMinutes(10)));
                    for (ClaimedJob job : claimed) {
                        timed(() -> store.queue().complete(job.id(), job.fencingToken(), 1, 0));
                        completes++;
                    }
                }
            } catch (Exception e) {
                failure = e;
            }
        }

        private <T> T timed(Supplier<T> call) {
            long start = System.nanoTime();
            T result = call.get();
            long end = System.nanoTime();
            ops++;
            if (start >= from && start < until) {
                latencies.add((int) Math.min(Integer.MAX_VALUE, (end - start) / 1000));
            }
            return result;
        }
    }

    /** A growable array of ints (latencies in microseconds). */
    private static final class Ints {
        int[] values = new int[1 << 16];
        int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }
    }
}
