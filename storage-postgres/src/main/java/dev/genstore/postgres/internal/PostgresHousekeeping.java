package dev.genstore.postgres.internal;

import dev.genstore.jdbc.Housekeeping;
import dev.genstore.ops.IntegrityProblem;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL: foreign keys checked by query (they hold unless triggers were disabled, e.g. with
 * {@code session_replication_role = replica} during a load), the catalog checked for invalid indexes (a failed
 * {@code CREATE INDEX CONCURRENTLY}) and constraints never validated ({@code NOT VALID}); the size of genstore's
 * schema with indexes and TOAST; {@code ANALYZE} per table (autovacuum does the vacuuming). Locks across instances are
 * session advisory locks keyed by the schema and the name, so stores in other schemas of one database do not exclude
 * each other, and a crashed instance's lock goes with its connection.
 */
final class PostgresHousekeeping implements Housekeeping {
    private static final String KEY = "hashtext(current_schema()), hashtext(?)";

    @Override
    public boolean sharedByProcesses() {
        return true;
    }

    @Override
    public boolean tryLock(Connection connection, String name) throws SQLException {
        return advisory(connection, "SELECT pg_try_advisory_lock(" + KEY + ")", name);
    }

    @Override
    public void unlock(Connection connection, String name) throws SQLException {
        advisory(connection, "SELECT pg_advisory_unlock(" + KEY + ")", name);
    }

    private static boolean advisory(Connection connection, String sql, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    @Override
    public List<IntegrityProblem> check(Connection connection, List<String> tables) throws SQLException {
        List<IntegrityProblem> problems = new ArrayList<>(Housekeeping.foreignKeyProblems(connection, tables));
        try (Statement s = connection.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT c.relname, t.relname AS table_name FROM pg_index i"
                    + " JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid"
                    + " WHERE c.relnamespace = current_schema()::regnamespace AND NOT (i.indisvalid AND i.indisready)"
                    + " ORDER BY c.relname")) {
                while (r.next()) {
                    problems.add(new IntegrityProblem(IntegrityProblem.CATALOG, "index " + r.getString(1),
                            "invalid index on " + r.getString(2) + ": queries ignore it; REINDEX INDEX rebuilds it"));
                }
            }
            try (ResultSet r = s.executeQuery("SELECT conname, conrelid::regclass::text FROM pg_constraint"
                    + " WHERE connamespace = current_schema()::regnamespace AND NOT convalidated ORDER BY conname")) {
                while (r.next()) {
                    problems.add(new IntegrityProblem(IntegrityProblem.CATALOG, "constraint " + r.getString(1),
                            "not validated on " + r.getString(2) + ": existing rows may break it; ALTER TABLE … VALIDATE CONSTRAINT checks them"));
                }
            }
        }
        return problems;
    }

    @Override
    public long databaseBytes(Connection connection, List<String> tables) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)"
                + " FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')")) {
            r.next();
            return r.getLong(1);
        }
    }
}
