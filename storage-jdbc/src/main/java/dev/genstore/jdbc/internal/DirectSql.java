package dev.genstore.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Plain JDBC on a Jdbi handle's connection, for the few statements on the hottest paths (a debit runs four per
 * transaction). Jdbi builds a statement context and copies its configuration per statement; these statements bind and
 * map by hand instead. Where the connection keeps its statements ({@link ConnectionStatements.Owner}, for drivers
 * without a statement cache: compiling the SQL costs a good share of a short SQLite transaction), a statement is
 * prepared once per physical connection and reused, and dropped after any failure so that a statement the driver left
 * broken is never run again; elsewhere (pgjdbc caches server-side prepared statements itself) it is prepared and closed
 * per use. Failures keep their {@link SQLException} as the cause, so the storage classifies them like any other.
 */
final class DirectSql {
    private DirectSql() {
    }

    /** Runs a statement on a prepared statement. */
    @FunctionalInterface
    private interface Execution<R> {
        R run(PreparedStatement statement) throws SQLException;
    }

    private static <R> R execute(Handle handle, String sql, Binder binder, Execution<R> execution) {
        return execute(handle, sql, true, binder, execution);
    }

    /** {@code keep}: false for a statement whose text varies with its input (a multi-row insert), not worth keeping. */
    private static <R> R execute(Handle handle, String sql, boolean keep, Binder binder, Execution<R> execution) {
        StatementReporter.report(handle, sql);
        try {
            Connection connection = handle.getConnection();
            if (keep && connection.isWrapperFor(ConnectionStatements.Owner.class)) {
                return executeKept(connection.unwrap(ConnectionStatements.Owner.class).statements(), sql, binder,
                        execution);
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                binder.bind(statement);
                return execution.run(statement);
            }
        } catch (SQLException e) {
            throw new Failure(e);
        }
    }

    private static <R> R executeKept(ConnectionStatements statements, String sql, Binder binder, Execution<R> execution)
            throws SQLException {
        boolean succeeded = false;
        try {
            PreparedStatement statement = statements.prepared(sql);
            binder.bind(statement);
            R result = execution.run(statement);
            succeeded = true;
            return result;
        } finally {
            if (!succeeded) { // whatever failed (driver, binder, mapper), the statement may be mid-execution
                statements.discard(sql);
            }
        }
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
        return execute(handle, sql, binder, statement -> {
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
            }
        });
    }

    static <T> List<T> list(Handle handle, String sql, Binder binder, RowMapper<T> mapper) {
        return list(handle, sql, true, binder, mapper);
    }

    /** The rows of a statement; kept prepared on the connection only when {@code keep} (and the connection keeps any). */
    static <T> List<T> list(Handle handle, String sql, boolean keep, Binder binder, RowMapper<T> mapper) {
        return execute(handle, sql, keep, binder, statement -> {
            List<T> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(mapper.map(result));
                }
            }
            return rows;
        });
    }

    static int update(Handle handle, String sql, Binder binder) {
        return update(handle, sql, true, binder);
    }

    /** The rows a statement changed; kept prepared only when {@code keep}, as {@link #list(Handle, String, boolean, Binder, RowMapper)}. */
    static int update(Handle handle, String sql, boolean keep, Binder binder) {
        return execute(handle, sql, keep, binder, PreparedStatement::executeUpdate);
    }
}
