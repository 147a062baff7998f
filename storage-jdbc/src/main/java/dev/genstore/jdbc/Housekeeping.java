package dev.genstore.jdbc;

import dev.genstore.ops.IntegrityProblem;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a database does to check, maintain and measure itself, on a plain connection outside any transaction
 * (autocommit). The defaults suit a database with an SQL-standard {@code information_schema} and JDBC metadata for
 * foreign keys (PostgreSQL, H2); a dialect returns its own from {@link Dialect#housekeeping()}.
 */
public interface Housekeeping {
    /** genstore's tables in the connection's schema (without Flyway's history table), as the database names them. */
    default List<String> tables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            s.setString(1, connection.getSchema());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    String table = rows.getString(1);
                    if (!table.equalsIgnoreCase(dev.genstore.jdbc.internal.Migrations.HISTORY_TABLE)) {
                        tables.add(table);
                    }
                }
            }
        }
        return tables;
    }

    /**
     * The database's own checks, empty when healthy. The default checks every foreign key that JDBC metadata reports
     * with a {@code NOT EXISTS} query per key ({@link IntegrityProblem#FOREIGN_KEYS}): constraints keep them true, but
     * a bulk load with checks off, a disabled trigger or a restore can break them.
     */
    default List<IntegrityProblem> check(Connection connection, List<String> tables) throws SQLException {
        return foreignKeyProblems(connection, tables);
    }

    /** Runs the maintenance steps; one line per step. The default runs {@code ANALYZE} of each table. */
    default List<String> maintain(Connection connection, List<String> tables) throws SQLException {
        try (Statement s = connection.createStatement()) {
            for (String table : tables) {
                s.execute("ANALYZE " + table);
            }
        }
        return List.of("analyze (" + tables.size() + " tables)");
    }

    /** The bytes the database, or genstore's schema in it, takes; -1 (the default) when the database cannot tell. */
    default long databaseBytes(Connection connection, List<String> tables) throws SQLException {
        return -1;
    }

    /**
     * True when several processes share the database, so that {@link #tryLock} must exclude across them; the default,
     * for a database one process owns (SQLite's file, H2 in memory), is false and takes no lock nor connection.
     */
    default boolean sharedByProcesses() {
        return false;
    }

    /**
     * Tries to take the lock named {@code name} for the session of {@code connection}, without waiting: true when taken
     * (release it with {@link #unlock}), false when another session holds it. Called only where
     * {@link #sharedByProcesses()}; the default returns true.
     */
    default boolean tryLock(Connection connection, String name) throws SQLException {
        return true;
    }

    /** Releases a lock {@link #tryLock} took on this connection. */
    default void unlock(Connection connection, String name) throws SQLException {
    }

    /** Rows whose foreign key names no parent row, one problem per foreign key, from JDBC metadata. */
    static List<IntegrityProblem> foreignKeyProblems(Connection connection, List<String> tables) throws SQLException {
        List<IntegrityProblem> problems = new ArrayList<>();
        DatabaseMetaData meta = connection.getMetaData();
        for (String table : tables) {
            // FK name → (parent table, child columns, parent columns), columns in key order
            Map<String, List<String[]>> keys = new LinkedHashMap<>();
            try (ResultSet rows = meta.getImportedKeys(connection.getCatalog(), connection.getSchema(), table)) {
                while (rows.next()) {
                    String name = rows.getString("FK_NAME") + "/" + rows.getString("PKTABLE_NAME");
                    keys.computeIfAbsent(name, k -> new ArrayList<>()).add(new String[] {rows.getString("PKTABLE_NAME"),
                            rows.getString("FKCOLUMN_NAME"), rows.getString("PKCOLUMN_NAME")});
                }
            }
            for (List<String[]> columns : keys.values()) {
                String parent = columns.get(0)[0];
                StringBuilder notNull = new StringBuilder();
                StringBuilder match = new StringBuilder();
                for (String[] column : columns) {
                    notNull.append(" AND c.").append(column[1]).append(" IS NOT NULL");
                    match.append(match.length() == 0 ? "" : " AND ").append("p.").append(column[2]).append(" = c.").append(column[1]);
                }
                String sql = "SELECT COUNT(*) FROM " + table + " c WHERE 1 = 1" + notNull + " AND NOT EXISTS (SELECT 1 FROM "
                        + parent + " p WHERE " + match + ")";
                try (Statement s = connection.createStatement(); ResultSet count = s.executeQuery(sql)) {
                    count.next();
                    long orphans = count.getLong(1);
                    if (orphans > 0) {
                        String child = table.toLowerCase(Locale.ROOT) + "(" + columns.stream().map(c -> c[1].toLowerCase(Locale.ROOT))
                                .reduce((a, b) -> a + ", " + b).orElseThrow() + ")";
                        problems.add(new IntegrityProblem(IntegrityProblem.FOREIGN_KEYS, child + " -> " + parent.toLowerCase(Locale.ROOT),
                                orphans + " row(s) name no " + parent.toLowerCase(Locale.ROOT) + " row"));
                    }
                }
            }
        }
        return problems;
    }
}
