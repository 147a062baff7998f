package dev.genstore.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a Jdbi handle's connection, for the few statements on the hottest paths (a debit runs four per
 * transaction). Jdbi builds a statement context and copies its configuration per statement; these statements bind and
 * map by hand instead, and are prepared once per physical connection and reused (sqlite-jdbc has no statement cache of
 * its own, and compiling the SQL costs a good share of a short transaction). Failures keep their {@link SQLException}
 * as the cause, so the storage classifies them like any other.
 */
final class DirectSql {
    /**
     * Prepared statements per physical connection (the pool's proxies change per checkout; the physical connection
     * does not). Weak keys: when the pool retires a connection, its statements go with it. A connection is used by
     * one thread at a time, so its inner map needs no locking.
     */
    private static final Map<Connection, Map<String, PreparedStatement>> PREPARED =
            Collections.synchronizedMap(new WeakHashMap<>());

    private DirectSql() {
    }

    private static PreparedStatement prepared(Handle handle, String sql) throws SQLException {
        Connection physical = handle.getConnection().unwrap(Connection.class);
        Map<String, PreparedStatement> statements = PREPARED.computeIfAbsent(physical, c -> new HashMap<>());
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Maps the current row. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** A statement failed; the cause is the driver's exception. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Failure(SQLException cause) {
            super(cause.getMessage(), cause);
        }
    }

    static <T> Optional<T> one(Handle handle, String sql, Binder binder, RowMapper<T> mapper) {
        StatementReporter.report(handle, sql);
        try {
            PreparedStatement statement = prepared(handle, sql);
            binder.bind(statement);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    static <T> List<T> list(Handle handle, String sql, Binder binder, RowMapper<T> mapper) {
        StatementReporter.report(handle, sql);
        try {
            PreparedStatement statement = prepared(handle, sql);
            binder.bind(statement);
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    static int update(Handle handle, String sql, Binder binder) {
        StatementReporter.report(handle, sql);
        try {
            PreparedStatement statement = prepared(handle, sql);
            binder.bind(statement);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }
}
