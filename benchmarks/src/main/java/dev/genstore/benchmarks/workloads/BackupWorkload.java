package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Workload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.sqlite.BackupReport;
import dev.genstore.sqlite.SqliteBackup;
import dev.genstore.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An online backup of a SQLite store while a writer keeps committing. The store is {@link StoreData}'s at
 * {@code bench.backup.rows} rows (1,000,000) and {@code bench.backup.blobs} blob files (2,000 of 20–100 KB). One
 * writer thread debits 1 token from a random account through genstore ({@code ledger().debit}), a commit each, for the
 * whole run. The phases, each {@code bench.backup.seconds} long (15): quiet (writer alone), genstore's backups
 * ({@code SqliteBackup.backup(file, directory)} back to back until the time is up), quiet, the baseline's backups,
 * quiet. A side's writer ratio is the writer's commits/s during its backups over the mean of the quiet phases around
 * them (target ≥ 0.7); its MB/s is database plus blob bytes copied over the time its backups took.
 *
 * <p>The baseline is the backup sqlite-jdbc offers: {@code executeUpdate("backup to " + file)} on a connection of its
 * own, then the blob directory's files copied one by one (no checksums, no info file). sqlite-jdbc runs that backup
 * in steps of 100 pages, and SQLite restarts a stepped backup whenever another connection writes the database, so
 * under a continuous writer it may never finish: when one baseline backup has run for
 * {@code bench.backup.baselineTimeout} seconds (60) the writer is paused until it completes, the writer's window
 * ends there, and the result says {@code baseline_finished=false}. One shot, not the Harness' rounds. Only on the
 * {@code sqlite} backend; the others skip it with a message on standard error.
 */
public final class BackupWorkload implements Workload {

    @Override
    public String name() {
        return "backup";
    }

    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        if (!backend.name().equals("sqlite")) {
            System.err.println("backup: measures SQLite's online backup; nothing to run on " + backend.name()
                    + " (run it with --backend sqlite, or without --backend)");
            return List.of();
        }
        int rows = Settings.intProperty("bench.backup.rows", 1_000_000);
        int blobs = Settings.intProperty("bench.backup.blobs", 2_000);
        long phaseNanos = TimeUnit.SECONDS.toNanos(Settings.intProperty("bench.backup.seconds", 15));
        long timeoutNanos = TimeUnit.SECONDS.toNanos(Settings.intProperty("bench.backup.baselineTimeout", 60));
        SqliteStorage storage = (SqliteStorage) backend.genstore("backup_store");
        Path file = storage.path();
        Genstore.open(storage).close(); // migrations
        long start = System.nanoTime();
        StoreData.Loaded loaded;
        try (Connection c = backend.connect("backup_store")) {
            loaded = new StoreData(rows, blobs).load(c, storage.blobDirectory());
        }
        System.err.printf(Locale.ROOT, "backup: store of %,d rows (%.1f MB) and %,d blobs (%.1f MB) loaded in %.1f s%n",
                loaded.rows(), Files.size(file) / 1e6, loaded.blobs(), loaded.blobBytes() / 1e6,
                (System.nanoTime() - start) / 1e9);
        Path backups = Files.createTempDirectory(file.getParent(), "backups-");
        try (Genstore store = Genstore.open(backend.genstore("backup_store"))) {
            Writer writer = new Writer(store, loaded.users());
            ExecutorService threads = Executors.newFixedThreadPool(2);
            try {
                Future<?> writing = threads.submit(writer);
                Thread.sleep(3_000); // the writer's JIT warm-up
                double quiet1 = writer.rate(phaseNanos);
                Side genstore = backups(writer, phaseNanos, Long.MAX_VALUE, threads,
                        target -> {
                            BackupReport report = SqliteBackup.backup(file, target);
                            return report.databaseBytes() + report.blobBytes();
                        }, backups, "genstore");
                double quiet2 = writer.rate(phaseNanos);
                Side baseline = backups(writer, phaseNanos, timeoutNanos, threads,
                        target -> rawBackup(file, storage.blobDirectory(), target), backups, "baseline");
                double quiet3 = writer.rate(phaseNanos);
                writer.stop();
                writing.get();
                System.err.printf(Locale.ROOT, "backup: writer alone %.0f, %.0f, %.0f commits/s%n", quiet1, quiet2, quiet3);
                double genstoreQuiet = (quiet1 + quiet2) / 2;
                double baselineQuiet = (quiet2 + quiet3) / 2;
                return List.of(new Result(name(), backend.name(), genstore.mbPerSecond(), baseline.mbPerSecond())
                        .field("db_mb", String.format(Locale.ROOT, "%.1f", Files.size(file) / 1e6))
                        .field("blob_mb", String.format(Locale.ROOT, "%.1f", loaded.blobBytes() / 1e6))
                        .field("mb_per_s", String.format(Locale.ROOT, "%.1f", genstore.mbPerSecond()))
                        .field("backups", Integer.toString(genstore.backups()))
                        .field("backup_s", String.format(Locale.ROOT, "%.2f", genstore.secondsPerBackup()))
                        .field("writer_quiet", String.format(Locale.ROOT, "%.0f", genstoreQuiet))
                        .field("writer_during", String.format(Locale.ROOT, "%.0f", genstore.writerRate()))
                        .field("writer_ratio", String.format(Locale.ROOT, "%.3f", genstore.writerRate() / genstoreQuiet))
                        .field("baseline_mb_per_s", String.format(Locale.ROOT, "%.1f", baseline.mbPerSecond()))
                        .field("baseline_backups", Integer.toString(baseline.backups()))
                        .field("baseline_backup_s", String.format(Locale.ROOT, "%.2f", baseline.secondsPerBackup()))
                        .field("baseline_writer_quiet", String.format(Locale.ROOT, "%.0f", baselineQuiet))
                        .field("baseline_writer_during", String.format(Locale.ROOT, "%.0f", baseline.writerRate()))
                        .field("baseline_writer_ratio", String.format(Locale.ROOT, "%.3f",
                                baseline.writerRate() / baselineQuiet))
                        .field("baseline_finished", Boolean.toString(baseline.finishedUnderWriter())));
            } finally {
                writer.stop();
                threads.shutdownNow();
            }
        } finally {
            delete(backups);
        }
    }

    /** One backup into an empty directory; returns the bytes copied (database and blob files). */
    @FunctionalInterface
    private interface Backup {
        long into(Path target) throws Exception;
    }

    /**
     * What one side's backups did: how many, their bytes and time, the writer's commits/s over the window they ran in,
     * and whether the last one finished while the writer still ran.
     */
    private record Side(int backups, long bytes, long nanos, double writerRate, boolean finishedUnderWriter) {
        double mbPerSecond() {
            return bytes / 1e6 / (nanos / 1e9);
        }

        double secondsPerBackup() {
            return nanos / 1e9 / backups;
        }
    }

    /**
     * Backups back to back, each into a new directory deleted after it, until {@code phaseNanos} have passed since the
     * first began. When one backup runs past {@code timeoutNanos}, the writer pauses until it finishes.
     */
    private static Side backups(Writer writer, long phaseNanos, long timeoutNanos, ExecutorService threads,
                                Backup backup, Path root, String side) throws Exception {
        int count = 0;
        long bytes = 0;
        long nanos = 0;
        long windowStart = System.nanoTime();
        long commitsStart = writer.commits();
        boolean finished = true;
        long windowEnd = 0;
        long commitsEnd = 0;
        do {
            Path target = root.resolve(side + "-" + count);
            long start = System.nanoTime();
            Future<Long> running = threads.submit(() -> backup.into(target));
            long copied;
            try {
                copied = running.get(Math.min(timeoutNanos, Long.MAX_VALUE / 4), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                windowEnd = System.nanoTime();
                commitsEnd = writer.commits();
                finished = false;
                writer.pause(true);
                System.err.printf(Locale.ROOT, "backup: a %s backup did not finish in %.0f s with the writer running;"
                        + " writer paused%n", side, timeoutNanos / 1e9);
                copied = running.get();
                writer.pause(false);
            }
            nanos += System.nanoTime() - start;
            bytes += copied;
            count++;
            System.err.printf(Locale.ROOT, "backup: %s backup %d: %.1f MB in %.2f s%n", side, count, copied / 1e6,
                    (System.nanoTime() - start) / 1e9);
            delete(target);
        } while (finished && System.nanoTime() - windowStart < phaseNanos);
        if (finished) {
            windowEnd = System.nanoTime();
            commitsEnd = writer.commits();
        }
        double rate = (commitsEnd - commitsStart) / ((windowEnd - windowStart) / 1e9);
        return new Side(count, bytes, nanos, rate, finished);
    }

    /** The hand-written backup: sqlite-jdbc's {@code backup to} on its own connection, then the blob files. */
    private static long rawBackup(Path database, Path blobs, Path target) throws Exception {
        Files.createDirectories(target);
        Path copy = target.resolve("genstore.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database); Statement s = c.createStatement()) {
            s.executeUpdate("backup to " + copy);
        }
        long[] bytes = {Files.size(copy)};
        Path blobTarget = target.resolve("blobs");
        try (Stream<Path> files = Files.walk(blobs)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path relative = blobs.relativize(file);
                if (relative.getName(0).toString().equals(".tmp")) {
                    continue;
                }
                Path to = blobTarget.resolve(relative.toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
                if (!relative.getName(0).toString().equals(".meta")) {
                    bytes[0] += Files.size(to);
                }
            }
        }
        return bytes[0];
    }

    private static void delete(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** One thread debiting 1 token from a random account, a commit each, until stopped; it can be paused. */
    private static final class Writer implements Runnable {
        private final Genstore store;
        private final UserId[] users;
        private final AtomicLong commits = new AtomicLong();
        private volatile boolean running = true;
        private volatile boolean paused;

        Writer(Genstore store, java.util.UUID[] ids) {
            this.store = store;
            this.users = Stream.of(ids).map(UserId::of).toArray(UserId[]::new);
        }

        @Override
        public void run() {
            long reference = 0;
            while (running) {
                if (paused) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
                store.ledger().debit(users[ThreadLocalRandom.current().nextInt(users.length)], 1, "BENCH",
                        "backup-" + reference++);
                commits.incrementAndGet();
            }
        }

        long commits() {
            return commits.get();
        }

        /** The writer's commits/s over the next {@code nanos}, nothing else running. */
        double rate(long nanos) throws InterruptedException {
            long start = System.nanoTime();
            long before = commits();
            TimeUnit.NANOSECONDS.sleep(nanos);
            return (commits() - before) / ((System.nanoTime() - start) / 1e9);
        }

        void pause(boolean pause) {
            this.paused = pause;
        }

        void stop() {
            running = false;
        }
    }
}
