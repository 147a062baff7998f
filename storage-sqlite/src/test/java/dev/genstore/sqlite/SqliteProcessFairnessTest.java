package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three JVM processes write one SQLite file (debits and queue work), the third joining after the others are running:
 * every invariant holds and no process is starved. Turns are counted, not timed: counting runs until the processes
 * together debited {@value #COUNTED_DEBITS} times (about 3 s on a quiet machine; longer on a busy one, at most
 * {@value #MAX_COUNT_SECONDS} s), and each must have finished at least a quarter of its fair share of the calls.
 */
class SqliteProcessFairnessTest {
    private static final int PROCESSES = 3;
    private static final int THREADS = 2;
    private static final int ACCOUNTS = 10;
    private static final long CREDIT = 1_000_000;
    private static final int COUNTED_DEBITS = 600;
    private static final int MAX_COUNT_SECONDS = 300;
    private static final double MIN_SHARE = 0.25;

    @TempDir
    Path dir;

    @Test
    void threeProcessesSharingOneFileKeepEveryInvariantAndEachGetsItsTurns() throws Exception {
        Path file = dir.resolve("shared.db");
        Path users = dir.resolve("users.txt");
        List<String> ids = new ArrayList<>();
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            for (int i = 0; i < ACCOUNTS; i++) {
                var user = store.accounts().create(NewUser.withEmail("share" + i + "@example.com")).id();
                store.ledger().credit(user, CREDIT, "GRANT", "grant-" + i);
                ids.add(user.toString());
            }
        }
        Files.write(users, ids);

        List<Worker> workers = new ArrayList<>();
        try {
            for (int p = 0; p < PROCESSES; p++) {
                workers.add(Worker.start(file, users, "p" + p));
            }
            for (Worker worker : workers) {
                worker.await("READY");
            }
            // Two processes start writing; the third joins once they are both under way (the late joiner).
            for (Worker worker : workers.subList(0, PROCESSES - 1)) {
                worker.send("GO");
            }
            for (Worker worker : workers.subList(0, PROCESSES - 1)) {
                worker.await("STARTED");
            }
            Worker late = workers.get(PROCESSES - 1);
            late.send("GO");
            late.await("STARTED");
            long before = debits(file);
            for (Worker worker : workers) {
                worker.send("COUNT");
            }
            // Each loop is 3-4 calls, one of them a debit. The cap only keeps a stuck run from hanging the build.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_COUNT_SECONDS);
            while (debits(file) - before < COUNTED_DEBITS && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            for (Worker worker : workers) {
                worker.send("STOP");
            }
            long[] counted = new long[PROCESSES];
            long debited = 0;
            long completed = 0;
            for (int p = 0; p < PROCESSES; p++) {
                Worker worker = workers.get(p);
                List<String> rest = worker.finish();
                counted[p] = Long.parseLong(value(rest, "COUNTED ", null));
                debited += Long.parseLong(value(rest, "DONE ", "debits"));
                completed += Long.parseLong(value(rest, "DONE ", "completes"));
            }

            long total = java.util.Arrays.stream(counted).sum();
            System.out.println("calls per process while counting: " + java.util.Arrays.toString(counted));
            double fairShare = (double) total / PROCESSES;
            assertTrue(total > 0, "no call finished while counting");
            for (int p = 0; p < PROCESSES; p++) {
                assertTrue(counted[p] >= MIN_SHARE * fairShare, "process p" + p + " was starved: "
                        + java.util.Arrays.toString(counted) + " calls (fair share " + Math.round(fairShare) + ")");
            }

            try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
                assertEquals(List.of(), store.ledger().verify());
                assertEquals(List.of(), store.operations().verify().problems());
            }
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
                assertEquals(ACCOUNTS * CREDIT - debited - completed, single(s, "SELECT SUM(balance) FROM token_accounts"),
                        "every debited and captured token is gone from the balances, and no other");
                assertEquals(completed, single(s, "SELECT COUNT(*) FROM jobs WHERE status = 'SUCCEEDED'"));
                assertEquals(0, single(s, "SELECT COUNT(*) FROM jobs WHERE status = 'RUNNING'"), "a job left RUNNING");
                assertEquals(debited, single(s, "SELECT COUNT(*) FROM ledger_entries WHERE reason = 'SHARE'"));
            }
        } finally {
            for (Worker worker : workers) {
                worker.process.destroyForcibly();
            }
        }
    }

    private static long debits(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            return single(s, "SELECT COUNT(*) FROM ledger_entries WHERE reason = 'SHARE'");
        }
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    /** The text after {@code prefix} on its line, or the value of {@code field=} on it. */
    private static String value(List<String> lines, String prefix, String field) {
        String line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + "line in " + lines));
        String rest = line.substring(prefix.length()).trim();
        if (field == null) {
            return rest;
        }
        for (String part : rest.split(" ")) {
            if (part.startsWith(field + "=")) {
                return part.substring(field.length() + 1);
            }
        }
        throw new AssertionError("no " + field + " in " + line);
    }

    /** A {@link SharedFileWorker} process and its standard input and output. */
    private record Worker(Process process, BufferedReader out, Writer in) {
        static Worker start(Path file, Path users, String name) throws Exception {
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-cp", System.getProperty("java.class.path"), SharedFileWorker.class.getName(),
                    file.toString(), users.toString(), name, String.valueOf(THREADS),
                    System.getProperty("genstore.test.processWriteLock", "true"))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            return new Worker(process,
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                    new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        void send(String command) throws Exception {
            in.write(command + "\n");
            in.flush();
        }

        void await(String expected) throws Exception {
            List<String> seen = new ArrayList<>();
            for (String line; (line = out.readLine()) != null; ) {
                if (line.equals(expected)) {
                    return;
                }
                seen.add(line);
            }
            throw new AssertionError("the worker ended before " + expected + ": " + seen);
        }

        List<String> finish() throws Exception {
            List<String> lines = new ArrayList<>();
            for (String line; (line = out.readLine()) != null; ) {
                lines.add(line);
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "worker did not exit");
            assertEquals(0, process.exitValue(), "worker failed: " + lines);
            return lines;
        }
    }
}
