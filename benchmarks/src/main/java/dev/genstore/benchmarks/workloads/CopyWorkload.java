package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Workload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.sqlite.SqliteStorage;
import dev.genstore.spi.ColumnSpec;
import dev.genstore.spi.TableCatalog;
import dev.genstore.spi.TableSpec;
import dev.genstore.transfer.TransferReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Moving a SQLite store to PostgreSQL: {@code sqliteStore.copyTo(postgresStore, listener)} on a store of
 * {@code bench.copy.rows} rows (1,000,000, spread over the areas as {@link StoreData} does) and {@code bench.copy.blobs}
 * blob files (10,000 of 20–100 KB) into a new PostgreSQL database, against a hand-written raw-JDBC copy of the same
 * rows and blobs into another new database. One shot, not the Harness' rounds: a copy of a million rows cannot be
 * repeated often enough for rounds, and a second copy into the same database would measure other work.
 *
 * <p>genstore's copy reads every table in key order in pages of 500 (keyset), writes each page as a batch of upserts
 * in its own transaction, then puts every blob through the target's blob store (PostgreSQL's default: the
 * {@code blobs} table), then verifies: row counts and a digest of every row on both sides, the target's ledger, and
 * the SHA-256 of every blob on both sides. The baseline reads each table with one {@code SELECT … ORDER BY key},
 * converts the values as genstore's dialects do (SQLite UUID text and epoch microseconds to PostgreSQL uuid and
 * timestamptz, JSON through {@code CAST(? AS json)}), and inserts them in batches of 500, a transaction per batch,
 * with genstore's driver settings (no batch rewriting); then reads each blob file with its content-type sidecar and
 * inserts it into {@code blobs}, one autocommitted INSERT each. It does not verify (its counts are checked after the
 * timing). Only on the {@code postgres} backend; the others skip it with a message on standard error.
 */
public final class CopyWorkload implements Workload {
    private static final int BATCH = 500;
    private static final String DEFAULT_TYPE = "application/octet-stream";

    @Override
    public String name() {
        return "copy";
    }

    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        if (!backend.name().equals("postgres")) {
            System.err.println("copy: measures SQLite to PostgreSQL; nothing to run on " + backend.name()
                    + " (run it with --backend postgres, or without --backend)");
            return List.of();
        }
        int rows = Settings.intProperty("bench.copy.rows", 1_000_000);
        int blobs = Settings.intProperty("bench.copy.blobs", 10_000);
        try (Backend sqlite = Backend.open("sqlite")) {
            SqliteStorage sourceStorage = (SqliteStorage) sqlite.genstore("copy_source");
            Genstore.open(sourceStorage).close(); // migrations
            long start = System.nanoTime();
            StoreData.Loaded loaded;
            try (Connection c = sqlite.connect("copy_source")) {
                loaded = new StoreData(rows, blobs).load(c, sourceStorage.blobDirectory());
            }
            long databaseBytes = Files.size(sourceStorage.path());
            System.err.printf(Locale.ROOT, "copy: SQLite store of %,d rows (%.1f MB) and %,d blobs (%.1f MB) loaded in"
                            + " %.1f s%n", loaded.rows(), databaseBytes / 1e6, loaded.blobs(), loaded.blobBytes() / 1e6,
                    (System.nanoTime() - start) / 1e9);
            long moved = databaseBytes + loaded.blobBytes();

            Genstore.open(backend.baselineSchema("copy_baseline")).close(); // migrations
            Genstore source = Genstore.open(sqlite.genstore("copy_source"));
            Genstore target = Genstore.open(backend.genstore("copy_genstore"));
            long[] lastProgress = {0, 0}; // the last row page, the last blob
            TransferReport report;
            try (source; target) {
                start = System.nanoTime();
                report = source.copyTo(target, (table, done, total) ->
                        lastProgress[table.equals(TableCatalog.BLOBS) ? 1 : 0] = System.nanoTime());
            }
            long genstoreNanos = System.nanoTime() - start;
            double rowSeconds = (lastProgress[0] - start) / 1e9;
            double copySeconds = (lastProgress[1] - start) / 1e9;
            System.err.printf(Locale.ROOT, "copy: genstore copied %,d rows and %,d blobs in %.1f s (rows %.1f s, blobs"
                            + " %.1f s, verifying %.1f s)%n", report.rows(), report.blobs(), genstoreNanos / 1e9,
                    rowSeconds, copySeconds - rowSeconds, genstoreNanos / 1e9 - copySeconds);

            start = System.nanoTime();
            long baselineRows;
            long baselineBlobs;
            long baselineRowNanos;
            try (Connection from = sqlite.connect("copy_source"); Connection to = backend.connectAsGenstore("copy_baseline")) {
                baselineRows = copyRows(from, to);
                baselineRowNanos = System.nanoTime() - start;
                baselineBlobs = copyBlobs(sourceStorage.blobDirectory(), to);
            }
            long baselineNanos = System.nanoTime() - start;
            System.err.printf(Locale.ROOT, "copy: baseline copied %,d rows and %,d blobs in %.1f s (rows %.1f s, blobs"
                    + " %.1f s)%n", baselineRows, baselineBlobs, baselineNanos / 1e9, baselineRowNanos / 1e9,
                    (baselineNanos - baselineRowNanos) / 1e9);
            check(sqlite, backend, report, baselineRows, baselineBlobs);

            double genstoreSeconds = genstoreNanos / 1e9;
            double baselineSeconds = baselineNanos / 1e9;
            return List.of(new Result(name(), backend.name(), report.rows() / genstoreSeconds,
                    baselineRows / baselineSeconds)
                    .field("rows", Long.toString(report.rows()))
                    .field("blobs", Long.toString(report.blobs()))
                    .field("db_mb", mb(databaseBytes))
                    .field("blob_mb", mb(report.blobBytes()))
                    .field("total_s", seconds(genstoreSeconds))
                    .field("copy_s", seconds(copySeconds))
                    .field("verify_s", seconds(genstoreSeconds - copySeconds))
                    .field("rows_per_s", String.format(Locale.ROOT, "%.0f", report.rows() / genstoreSeconds))
                    .field("mb_per_s", mb(moved / genstoreSeconds))
                    .field("copy_rows_per_s", String.format(Locale.ROOT, "%.0f", report.rows() / copySeconds))
                    .field("rows_s", seconds(rowSeconds))
                    .field("blobs_s", seconds(copySeconds - rowSeconds))
                    .field("baseline_s", seconds(baselineSeconds))
                    .field("baseline_rows_s", seconds(baselineRowNanos / 1e9))
                    .field("baseline_blobs_s", seconds((baselineNanos - baselineRowNanos) / 1e9))
                    .field("baseline_mb_per_s", mb(moved / baselineSeconds)));
        }
    }

    private static String mb(double bytes) {
        return String.format(Locale.ROOT, "%.1f", bytes / 1e6);
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.1f", seconds);
    }

    // ---- the baseline ----------------------------------------------------------------------------------------------

    /** Every catalog table but {@code blobs}, parents first, in batches of 500 rows, a transaction per batch. */
    private static long copyRows(Connection from, Connection to) throws SQLException {
        to.setAutoCommit(false);
        long rows = 0;
        for (TableSpec table : TableCatalog.tables()) {
            if (table.name().equals(TableCatalog.BLOBS)) {
                continue;
            }
            List<String> values = table.columns().stream()
                    .map(c -> c.type() == dev.genstore.spi.LogicalType.JSON ? "CAST(? AS json)" : "?").toList();
            String insert = "INSERT INTO " + table.name() + " (" + String.join(", ", table.columnNames()) + ") VALUES ("
                    + String.join(", ", values) + ")";
            if (table.seeded()) { // the migrations' rows (the cache counters) are replaced, as genstore's upsert does
                insert += " ON CONFLICT (" + String.join(", ", table.key()) + ") DO UPDATE SET "
                        + String.join(", ", table.columnNames().stream().filter(c -> !table.key().contains(c))
                        .map(c -> c + " = EXCLUDED." + c).toList());
            }
            String select = "SELECT " + String.join(", ", table.columnNames()) + " FROM " + table.name() + " ORDER BY "
                    + String.join(", ", table.key());
            try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery(select);
                 PreparedStatement write = to.prepareStatement(insert)) {
                int pending = 0;
                while (rs.next()) {
                    for (int i = 0; i < table.columns().size(); i++) {
                        convert(rs, write, i + 1, table.columns().get(i));
                    }
                    write.addBatch();
                    rows++;
                    if (++pending == BATCH) {
                        write.executeBatch();
                        to.commit();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    write.executeBatch();
                    to.commit();
                }
            }
        }
        to.setAutoCommit(true);
        return rows;
    }

    /** One value from SQLite's representation to PostgreSQL's, as SqliteDialect and StandardDialect do. */
    private static void convert(ResultSet rs, PreparedStatement write, int index, ColumnSpec column) throws SQLException {
        switch (column.type()) {
            case UUID -> {
                String text = rs.getString(index);
                if (text == null) {
                    write.setNull(index, Types.OTHER);
                } else {
                    write.setObject(index, UUID.fromString(text));
                }
            }
            case INSTANT -> {
                long micros = rs.getLong(index);
                if (rs.wasNull()) {
                    write.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
                } else {
                    Instant instant = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L),
                            Math.floorMod(micros, 1_000_000L) * 1_000L);
                    write.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
                }
            }
            case LONG -> {
                long value = rs.getLong(index);
                if (rs.wasNull()) {
                    write.setNull(index, Types.BIGINT);
                } else {
                    write.setLong(index, value);
                }
            }
            case INT -> {
                int value = rs.getInt(index);
                if (rs.wasNull()) {
                    write.setNull(index, Types.INTEGER);
                } else {
                    write.setInt(index, value);
                }
            }
            case DOUBLE -> {
                double value = rs.getDouble(index);
                if (rs.wasNull()) {
                    write.setNull(index, Types.DOUBLE);
                } else {
                    write.setDouble(index, value);
                }
            }
            case TEXT, JSON -> {
                String value = rs.getString(index);
                if (value == null) {
                    write.setNull(index, Types.VARCHAR);
                } else {
                    write.setString(index, value);
                }
            }
            case BYTES -> {
                byte[] value = rs.getBytes(index);
                if (value == null) {
                    write.setNull(index, Types.VARBINARY);
                } else {
                    write.setBytes(index, value);
                }
            }
        }
    }

    /** Every blob file (the sidecars and temporary files left out) into PostgreSQL's {@code blobs} table. */
    private static long copyBlobs(Path root, Connection to) throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile).filter(f -> {
                String first = root.relativize(f).getName(0).toString();
                return !first.equals(".meta") && !first.equals(".tmp");
            }).sorted().toList();
        }
        long count = 0;
        try (PreparedStatement insert = to.prepareStatement("INSERT INTO blobs (blob_key, content_type, byte_count,"
                + " content, created_at) VALUES (?, ?, ?, ?, ?)")) {
            for (Path file : files) {
                String key = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                byte[] content = Files.readAllBytes(file);
                Path sidecar = root.resolve(".meta").resolve(key);
                String type = Files.isRegularFile(sidecar) ? Files.readString(sidecar) : DEFAULT_TYPE;
                insert.setString(1, key);
                insert.setString(2, type);
                insert.setLong(3, content.length);
                insert.setBytes(4, content);
                insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
                insert.executeUpdate();
                count++;
            }
        }
        return count;
    }

    /** After the timing: both PostgreSQL databases hold as many rows per table, and blobs, as the source. */
    private static void check(Backend sqlite, Backend postgres, TransferReport report, long baselineRows,
                              long baselineBlobs) throws SQLException {
        if (baselineRows != report.rows() || baselineBlobs != report.blobs()) {
            throw new IllegalStateException("the baseline copied " + baselineRows + " rows and " + baselineBlobs
                    + " blobs, genstore " + report.rows() + " and " + report.blobs());
        }
        try (Connection source = sqlite.connect("copy_source");
             Connection genstore = postgres.connect("copy_genstore");
             Connection baseline = postgres.connect("copy_baseline")) {
            for (TableSpec table : TableCatalog.tables()) {
                long expected = table.name().equals(TableCatalog.BLOBS) ? report.blobs() : count(source, table.name());
                for (Connection target : List.of(genstore, baseline)) {
                    long actual = count(target, table.name());
                    if (actual != expected) {
                        throw new IllegalStateException("table " + table.name() + " holds " + actual + " rows in "
                                + (target == genstore ? "genstore's" : "the baseline's") + " copy, not " + expected);
                    }
                }
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
