package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Workload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.sqlite.SqliteStorage;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Processes sharing one SQLite file: {@code bench.multiprocess.processes} JVMs (3), each with
 * {@code bench.multiprocess.threads} threads (2) looping debit, submit, claim, complete ({@link MultiprocessWorker})
 * against one file, for {@code bench.multiprocess.seconds} (20) after {@code bench.multiprocess.warmup} seconds (5)
 * of warm-up; then the same work by one process alone (same threads, same times) on a fresh file. genstore= is the
 * processes' operations per second together, baseline= one process's alone (not raw JDBC: the question is what sharing
 * the file costs). {@code min_share} is the least any process did over its fair share (the total over the number of
 * processes), {@code p99_ms} the 99th percentile latency of every call of every process. Each phase starts on a new
 * file; after the shared phase the store is checked (ledger verify, balances against the processes' counts, no job
 * left RUNNING). {@code -Dbench.multiprocess.lock=false} turns {@link SqliteStorage#processWriteLock(boolean)} off
 * (SQLite's busy handler alone, as before the lock), for comparison. SQLite only.
 */
public final class MultiprocessWorkload implements Workload {
    private static final int ACCOUNTS = 100;
    private static final long CREDIT = 1_000_000_000L;

    @Override
    public String name() {
        return "multiprocess";
    }

    @Override
    public List<String> backends() {
        return List.of("sqlite");
    }

    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        int processes = Settings.intProperty("bench.multiprocess.processes", 3);
        int threads = Settings.intProperty("bench.multiprocess.threads", 2);
        int seconds = Settings.intProperty("bench.multiprocess.seconds", 20);
        int warmup = Settings.intProperty("bench.multiprocess.warmup", 5);
        boolean lock = !"false".equals(System.getProperty("bench.multiprocess.lock"));
        Phase alone = phase(backend, "multiprocess_alone", 1, threads, warmup, seconds, lock);
        Phase shared = phase(backend, "multiprocess_shared", processes, threads, warmup, seconds, lock);
        double fairShare = (double) shared.totalOps() / processes;
        double minShare = Arrays.stream(shared.ops).min().orElse(0) / fairShare;
        System.err.printf(Locale.ROOT, "multiprocess: alone %.0f ops/s; %d processes %s ops/s each%n",
                alone.opsPerSecond(), processes, Arrays.toString(Arrays.stream(shared.ops)
                        .map(ops -> Math.round(ops / (double) seconds)).toArray()));
        return List.of(new Result(name(), backend.name(), shared.opsPerSecond(), alone.opsPerSecond())
                .field("min_share", String.format(Locale.ROOT, "%.3f", minShare))
                .field("p99_ms", millis(shared.percentile(0.99)))
                .field("p50_ms", millis(shared.percentile(0.50)))
                .field("max_ms", millis(shared.percentile(1.0)))
                .field("baseline_p99_ms", millis(alone.percentile(0.99)))
                .field("processes", Integer.toString(processes))
                .field("threads", Integer.toString(threads))
                .field("lock", lock ? "on" : "off"));
    }

    private static String millis(int micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
    }

    /** What the processes of one phase did in the measured window: operations per process, every latency (µs). */
    private record Phase(long[] ops, int[] latencies, int seconds) {
        long totalOps() {
            return Arrays.stream(ops).sum();
        }

        double opsPerSecond() {
            return totalOps() / (double) seconds;
        }

        int percentile(double p) {
            if (latencies.length == 0) {
                return 0;
            }
            int index = (int) Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1);
            return latencies[Math.max(0, index)];
        }
    }

    private static Phase phase(Backend backend, String database, int processes, int threads, int warmup, int seconds,
                               boolean lock) throws Exception {
        SqliteStorage storage = (SqliteStorage) backend.genstore(database);
        Path file = storage.path();
        Path users = file.resolveSibling(database + "-users.txt");
        List<String> ids = new ArrayList<>();
        try (Genstore store = Genstore.open(storage)) {
            for (int i = 0; i < ACCOUNTS; i++) {
                UserId user = store.accounts().create(NewUser.withEmail("mp" + i + "@example.com")).id();
                store.ledger().credit(user, CREDIT, "GRANT", "grant-" + i);
                ids.add(user.toString());
            }
        }
        Files.write(users, ids);
        List<Process> children = new ArrayList<>();
        List<BufferedReader> outputs = new ArrayList<>();
        List<Path> latencyFiles = new ArrayList<>();
        try {
            for (int p = 0; p < processes; p++) {
                Path latencies = file.resolveSibling(database + "-latencies-" + p + ".bin");
                latencyFiles.add(latencies);
                Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                        "-cp", System.getProperty("java.class.path"), MultiprocessWorker.class.getName(),
                        file.toString(), users.toString(), "p" + p, Integer.toString(threads),
                        Long.toString(warmup * 1000L), Long.toString(seconds * 1000L), latencies.toString(),
                        Boolean.toString(lock))
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
                children.add(child);
                outputs.add(new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8)));
            }
            for (BufferedReader output : outputs) {
                awaitLine(output, "READY");
            }
            for (Process child : children) { // GO to every process at once: their windows line up
                Writer go = new OutputStreamWriter(child.getOutputStream(), StandardCharsets.UTF_8);
                go.write("GO\n");
                go.flush();
            }
            long[] ops = new long[processes];
            long debits = 0;
            long completes = 0;
            for (int p = 0; p < processes; p++) {
                Process child = children.get(p);
                if (!child.waitFor(warmup + seconds + 120L, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("process " + p + " did not finish");
                }
                List<String> lines = rest(outputs.get(p));
                if (child.exitValue() != 0) {
                    throw new IllegalStateException("process " + p + " failed: " + lines);
                }
                ops[p] = field(lines, "MEASURED", "ops");
                debits += field(lines, "DONE", "debits");
                completes += field(lines, "DONE", "completes");
            }
            check(storage, file, debits, completes);
            return new Phase(ops, latencies(latencyFiles), seconds);
        } finally {
            for (Process child : children) {
                child.destroyForcibly();
            }
        }
    }

    /** Debits and captures account for every token, the ledger verifies, and no job is left RUNNING. */
    private static void check(SqliteStorage storage, Path file, long debits, long completes) throws Exception {
        try (Genstore store = Genstore.open(storage)) {
            if (!store.ledger().verify().isEmpty()) {
                throw new IllegalStateException("ledger discrepancies: " + store.ledger().verify());
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT SUM(balance) FROM token_accounts")) {
                r.next();
                long expected = ACCOUNTS * CREDIT - debits - completes;
                if (r.getLong(1) != expected) {
                    throw new IllegalStateException("balances sum to " + r.getLong(1) + ", expected " + expected);
                }
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM jobs WHERE status = 'RUNNING'")) {
                r.next();
                if (r.getLong(1) != 0) {
                    throw new IllegalStateException(r.getLong(1) + " jobs left RUNNING");
                }
            }
        }
    }

    private static long field(List<String> lines, String prefix, String name) {
        String line = lines.stream().filter(l -> l.startsWith(prefix + " ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + prefix + " line in " + lines));
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("no " + name + " in " + line);
    }

    /** Reads the child's standard output up to {@code expected}; fails if it ends first. */
    private static void awaitLine(BufferedReader output, String expected) throws Exception {
        List<String> seen = new ArrayList<>();
        for (String line; (line = output.readLine()) != null; ) {
            if (line.equals(expected)) {
                return;
            }
            seen.add(line);
        }
        throw new IllegalStateException("a process ended before " + expected + ": " + seen);
    }

    private static List<String> rest(BufferedReader output) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String line; (line = output.readLine()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    private static int[] latencies(List<Path> files) throws Exception {
        int count = 0;
        for (Path file : files) {
            count += (int) (Files.size(file) / Integer.BYTES);
        }
        int[] all = new int[count];
        int i = 0;
        for (Path file : files) {
            long values = Files.size(file) / Integer.BYTES;
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
                for (long v = 0; v < values; v++) {
                    all[i++] = in.readInt();
                }
            }
        }
        Arrays.sort(all);
        return all;
    }
}
