package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.LeaseLostException;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.Storage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The queue drained by two JVM processes on one database while one of them is killed holding leased jobs: the
 * survivor takes those over once their leases expire, and every job succeeds exactly once, paid for once. For the
 * backends other processes can share (SQLite files, PostgreSQL); a backend supplies a fresh database, how to open it,
 * and a worker main class that calls {@link QueueProcessWorker#main(String[], java.util.function.Function)}.
 */
public abstract class QueueProcessContract {
    private static final int JOBS = 300;
    private static final long COST = 2;
    private static final long CREDIT = JOBS * COST + 11;
    private static final Duration LEASE = Duration.ofSeconds(2);
    /** The doomed worker completes this many jobs, then claims one more batch and hangs until it is killed. */
    private static final int HANG_AFTER = 20;
    private static final long WORK_MILLIS = 20;

    /** A new, empty database, named so that another process can open it (a file path, a JDBC URL). */
    protected abstract String newDatabase();

    /** A storage on {@code database}. */
    protected abstract Storage storage(String database);

    /** The worker JVM's main class: it passes its arguments and a way to open the database to {@link QueueProcessWorker}. */
    protected abstract Class<?> workerMain();

    @Test
    void twoWorkerProcessesDrainOneQueueAndTheSurvivorFinishesTheKilledOnesJobs() throws Exception {
        String database = newDatabase();
        UserId owner;
        try (Genstore store = Genstore.open(storage(database))) {
            owner = store.accounts().create(NewUser.withEmail("owner@example.com")).id();
            store.ledger().credit(owner, CREDIT, "GRANT", "grant-1");
            store.useTransaction(tx -> {
                for (int i = 0; i < JOBS; i++) {
                    tx.jobs().submit(NewJob.of(owner, "fox " + i, "openai", "gpt-image-1").tokenCost(COST));
                }
            });
        }

        WorkerProcess doomed = WorkerProcess.start(workerMain(), database, "doomed", HANG_AFTER);
        WorkerProcess survivor = null;
        String holding;
        try {
            doomed.awaitLine("COMPLETED ", Duration.ofMinutes(2)); // up and working, so it gets to hold jobs before all are done
            survivor = WorkerProcess.start(workerMain(), database, "survivor", -1);
            holding = doomed.awaitLine("HOLDING ", Duration.ofMinutes(2));
            doomed.process.destroyForcibly();
            assertTrue(doomed.process.waitFor(1, TimeUnit.MINUTES), "the killed worker did not end");
            assertTrue(survivor.process.waitFor(3, TimeUnit.MINUTES), "the survivor did not finish: " + survivor.output());
        } finally {
            doomed.process.destroyForcibly();
            if (survivor != null) {
                survivor.process.destroyForcibly();
            }
        }
        assertEquals(0, survivor.process.exitValue(), survivor.output());
        assertTrue(survivor.output().contains("DONE "), survivor.output());

        Map<JobId, Long> held = tokens(holding.substring("HOLDING ".length()));
        List<Map.Entry<JobId, Long>> doomedCompleted = completions(doomed.lines());
        List<Map.Entry<JobId, Long>> survivorCompleted = completions(survivor.lines());
        assertEquals(HANG_AFTER, doomedCompleted.size(), doomed.output());
        assertFalse(held.isEmpty(), "the killed worker held jobs");

        try (Genstore store = Genstore.open(storage(database))) {
            List<Job> jobs = allJobs(store, owner);
            assertEquals(JOBS, jobs.size());
            Map<JobId, Job> byId = jobs.stream().collect(Collectors.toMap(Job::id, job -> job));
            for (Job job : jobs) {
                assertEquals(JobStatus.SUCCEEDED, job.status(), job::toString);
            }

            // Every job completed once, by one of the two, under the token of its last claim.
            List<Map.Entry<JobId, Long>> all = new ArrayList<>(doomedCompleted);
            all.addAll(survivorCompleted);
            Set<JobId> once = new HashSet<>();
            for (Map.Entry<JobId, Long> completion : all) {
                assertTrue(once.add(completion.getKey()), "completed twice: " + completion.getKey());
                assertEquals(byId.get(completion.getKey()).attempts(), completion.getValue(),
                        "completed under the token of the job's last claim");
            }
            assertEquals(byId.keySet(), once, "every job completed by a worker that said so");

            // The killed worker's jobs were taken over after their leases expired, and its token is refused now.
            for (Map.Entry<JobId, Long> job : held.entrySet()) {
                assertTrue(byId.get(job.getKey()).attempts() > job.getValue(), "taken over: " + job.getKey());
                assertTrue(survivorCompleted.stream().anyMatch(c -> c.getKey().equals(job.getKey())));
                assertThrows(LeaseLostException.class, () -> store.queue().complete(job.getKey(), job.getValue(), 1, 0));
                assertEquals(byId.get(job.getKey()), store.jobs().get(job.getKey()), "the late complete changed nothing");
            }

            // Paid once per job: one capture per job's hold, nothing still held.
            TokenAccount account = store.ledger().account(owner);
            assertEquals(CREDIT - COST * JOBS, account.balance());
            assertEquals(0, account.held());
            List<LedgerEntry> captures = history(store, owner).stream().filter(e -> e.holdId() != null).toList();
            assertEquals(JOBS, captures.size());
            assertEquals(jobs.stream().map(Job::holdId).collect(Collectors.toSet()),
                    captures.stream().map(LedgerEntry::holdId).collect(Collectors.toSet()));
            assertEquals(JOBS, store.jobs().statistics(JobScope.all()).completedJobs());
            assertEquals(List.of(), store.ledger().verify());
        }
    }

    private static Map<JobId, Long> tokens(String pairs) {
        String[] parts = pairs.trim().split(" ");
        Map<JobId, Long> tokens = new HashMap<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            tokens.put(JobId.parse(parts[i]), Long.parseLong(parts[i + 1]));
        }
        return tokens;
    }

    private static List<Map.Entry<JobId, Long>> completions(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("COMPLETED "))
                .map(line -> line.split(" "))
                .map(parts -> Map.entry(JobId.parse(parts[1]), Long.parseLong(parts[2])))
                .toList();
    }

    private static List<Job> allJobs(Genstore store, UserId owner) {
        List<Job> jobs = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            Page<Job> page = store.jobs().history(owner, Set.of(), request);
            jobs.addAll(page.items());
            if (!page.hasNext()) {
                return jobs;
            }
            request = page.next(PageRequest.MAX_SIZE).orElseThrow();
        }
    }

    private static List<LedgerEntry> history(Genstore store, UserId owner) {
        List<LedgerEntry> entries = new ArrayList<>();
        PageRequest request = PageRequest.first(PageRequest.MAX_SIZE);
        while (true) {
            Page<LedgerEntry> page = store.ledger().history(owner, request);
            entries.addAll(page.items());
            if (!page.hasNext()) {
                return entries;
            }
            request = page.next(PageRequest.MAX_SIZE).orElseThrow();
        }
    }

    /** A {@link QueueProcessWorker} JVM and the lines it printed so far. */
    private static final class WorkerProcess {
        final Process process;
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        private WorkerProcess(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "output of " + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        static WorkerProcess start(Class<?> main, String database, String worker, int hangAfter) throws IOException {
            return new WorkerProcess(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), main.getName(), database, worker,
                    String.valueOf(JOBS), String.valueOf(LEASE.toMillis()), String.valueOf(WORK_MILLIS),
                    String.valueOf(hangAfter))
                    .redirectErrorStream(true)
                    .start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException e) {
                // The worker was killed or closed: its output simply ends (awaitLine times out if a line was needed).
            } finally {
                synchronized (lines) {
                    lines.notifyAll();
                }
            }
        }

        /** Waits (in real time) for a line starting with {@code prefix}, and returns it. */
        String awaitLine(String prefix, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            synchronized (lines) {
                while (true) {
                    for (String line : lines) {
                        if (line.startsWith(prefix)) {
                            return line;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !reader.isAlive()) {
                        throw new AssertionError("no " + prefix + "line from the worker:\n" + String.join("\n", lines));
                    }
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 200)));
                }
            }
        }

        /** Every line the process printed; waits for it to end and its output to be read. */
        List<String> lines() throws InterruptedException {
            process.waitFor();
            reader.join(TimeUnit.SECONDS.toMillis(30));
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        String output() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }
}
