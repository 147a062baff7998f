package dev.genstore.sqlite.internal;

import dev.genstore.jdbc.Housekeeping;
import dev.genstore.ops.IntegrityProblem;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SQLite checks itself ({@code integrity_check}, {@code foreign_key_check}), maintains itself ({@code optimize},
 * {@code ANALYZE}, {@code incremental_vacuum}, {@code wal_checkpoint(TRUNCATE)}) and knows its size (pages × page size).
 */
final class SqliteHousekeeping implements Housekeeping {
    /** SQLite's {@code auto_vacuum} value for INCREMENTAL. */
    private static final int INCREMENTAL = 2;
    /** How long maintenance goes on trying its {@code TRUNCATE} checkpoint while another checkpoint runs. */
    private static final long CHECKPOINT_RETRY_NANOS = 1_000_000_000L;

    @Override
    public List<String> tables(Connection connection) throws SQLException {
        // type 'table' leaves out FTS5's virtual table and its shadow tables, which are the index, not data.
        return strings(connection, "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table'"
                + " AND name NOT LIKE 'sqlite!_%' ESCAPE '!' AND name <> 'genstore_schema_history' ORDER BY name");
    }

    @Override
    public List<IntegrityProblem> check(Connection connection, List<String> tables) throws SQLException {
        List<IntegrityProblem> problems = new ArrayList<>();
        for (String line : strings(connection, "PRAGMA integrity_check")) {
            if (!line.equals("ok")) {
                problems.add(new IntegrityProblem(IntegrityProblem.SQLITE_INTEGRITY, "database", line));
            }
        }
        // foreign_key_check works with enforcement off too, and is exact; one problem per child table and parent.
        Map<String, Long> orphans = new LinkedHashMap<>();
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("PRAGMA foreign_key_check")) {
            while (rows.next()) {
                orphans.merge(rows.getString("table") + " -> " + rows.getString("parent"), 1L, Long::sum);
            }
        }
        orphans.forEach((subject, count) -> problems.add(new IntegrityProblem(IntegrityProblem.FOREIGN_KEYS, subject,
                count + " row(s) name no " + subject.substring(subject.indexOf("-> ") + 3) + " row")));
        return problems;
    }

    @Override
    public List<String> maintain(Connection connection, List<String> tables) throws SQLException {
        List<String> steps = new ArrayList<>();
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA optimize");
            steps.add("optimize");
            s.execute("ANALYZE");
            steps.add("analyze");
            if (number(connection, "PRAGMA auto_vacuum") == INCREMENTAL) {
                long free = number(connection, "PRAGMA freelist_count");
                s.execute("PRAGMA incremental_vacuum");
                steps.add("incremental_vacuum: " + (free - number(connection, "PRAGMA freelist_count")) + " free pages released");
            } else {
                steps.add("incremental_vacuum skipped: the database was created without auto_vacuum=INCREMENTAL"
                        + " (PRAGMA auto_vacuum = INCREMENTAL, then one VACUUM, converts it)");
            }
            steps.add(truncateCheckpoint(s));
        }
        return steps;
    }

    /**
     * {@code wal_checkpoint(TRUNCATE)}, again while it answers busy. SQLite answers busy at once, without its busy
     * handler, when another connection is running a checkpoint: the store's own background checkpointer (every
     * 100 ms) or another process's. Those are short, so tries 10 ms apart get through; tries go on for a second at
     * most, then the step reports busy. A reader that keeps the log busy makes SQLite wait in its busy handler first
     * (the store's busy timeout): that try alone outlasts the second, and is not repeated.
     */
    private static String truncateCheckpoint(Statement s) throws SQLException {
        long until = System.nanoTime() + CHECKPOINT_RETRY_NANOS;
        while (true) {
            String step;
            boolean busy;
            try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                r.next();
                busy = r.getInt(1) != 0;
                step = "wal_checkpoint(TRUNCATE): busy=" + r.getInt(1) + ", log=" + r.getInt(2) + ", checkpointed=" + r.getInt(3);
            }
            if (!busy || System.nanoTime() - until >= 0 || !pause()) {
                return step;
            }
        }
    }

    /** Waits 10 ms; false when interrupted (the interrupt is kept, and no more tries are made). */
    private static boolean pause() {
        try {
            Thread.sleep(10);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public long databaseBytes(Connection connection, List<String> tables) throws SQLException {
        return number(connection, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    }

    private static long number(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
