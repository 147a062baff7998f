package dev.genstore.benchmarks.baseline;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Statements a careful hand-written loop prepares once per physical connection and reuses, as genstore's
 * {@code DirectSql} does: a baseline that prepared per call would pay a parse (SQLite: a compile) genstore does not,
 * and flatter genstore's ratio. Statements are prepared on the pool's physical connection (HikariCP closes statements
 * made through its proxy when the connection goes back), and live until the connection closes. A physical connection
 * is used by one thread at a time (the pool hands it over), so the per-connection map needs no lock.
 */
public final class PreparedOnce {
    private final Map<Connection, Map<String, PreparedStatement>> byConnection = new ConcurrentHashMap<>();

    /** The statement for {@code sql} on {@code connection}'s physical connection, prepared on first use. */
    public PreparedStatement prepared(Connection connection, String sql) throws SQLException {
        Connection physical = connection.isWrapperFor(Connection.class) ? connection.unwrap(Connection.class) : connection;
        Map<String, PreparedStatement> statements = byConnection.computeIfAbsent(physical, c -> new HashMap<>());
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }
}
