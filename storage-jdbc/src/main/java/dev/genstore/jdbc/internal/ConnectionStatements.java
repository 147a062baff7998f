package dev.genstore.jdbc.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prepared statements of one physical connection, kept for reuse by {@link DirectSql}. It lives inside the
 * connection wrapper {@link dev.genstore.jdbc.StatementCachingDataSource} hands the pool, so it is created, closed and
 * collected with that connection: nothing outside the connection refers to it, and a connection the pool retires takes
 * its statements with it.
 *
 * <p>Not thread-safe, and needs not be: a pooled connection is used by one thread at a time, and the pool hands it over
 * between threads with the happens-before of its own bookkeeping.
 */
public final class ConnectionStatements {
    /** Bounds the cache when a caller builds SQL with a varying shape (e.g. an IN list of varying length). */
    static final int MAX_STATEMENTS = 128;

    private final Connection physical;
    private final Map<String, PreparedStatement> statements = new LinkedHashMap<>(32, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() > MAX_STATEMENTS) {
                closeQuietly(eldest.getValue());
                return true;
            }
            return false;
        }
    };

    ConnectionStatements(Connection physical) {
        this.physical = physical;
    }

    /** The prepared statement for {@code sql}, prepared on first use. */
    PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null || statement.isClosed()) {
            statement = physical.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Forgets and closes the statement of {@code sql} after a failure: a driver may leave a statement whose execution
     * failed half-way unusable (sqlite-jdbc answers "statement is not executing" to every later execution of a statement
     * whose step failed, e.g. on an integer overflow in {@code SUM}), so it is prepared anew on next use.
     */
    void discard(String sql) {
        closeQuietly(statements.remove(sql));
    }

    /** How many statements are kept. */
    int size() {
        return statements.size();
    }

    /** Closes every kept statement; called when the connection closes. */
    void closeAll() {
        List<PreparedStatement> all = new ArrayList<>(statements.values());
        statements.clear();
        all.forEach(ConnectionStatements::closeQuietly);
    }

    private static void closeQuietly(PreparedStatement statement) {
        if (statement == null) {
            return;
        }
        try {
            statement.close();
        } catch (SQLException | RuntimeException ignored) {
            // the statement is dropped either way; a broken one may refuse to close cleanly
        }
    }

    /** Implemented by a connection that keeps its prepared statements (found with {@link Connection#unwrap}). */
    public interface Owner {
        /** This connection's statements. */
        ConnectionStatements statements();
    }

    /**
     * {@code physical} wrapped so that it keeps its prepared statements for {@link DirectSql}: the wrapper implements
     * {@link Owner}, passes every other call through, and closes the kept statements when it is closed or aborted.
     */
    public static Connection keepingStatements(Connection physical) {
        ConnectionStatements statements = new ConnectionStatements(physical);
        return (Connection) Proxy.newProxyInstance(ConnectionStatements.class.getClassLoader(),
                new Class<?>[] {Connection.class, Owner.class}, new Wrapper(physical, statements));
    }

    private record Wrapper(Connection physical, ConnectionStatements statements) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "statements":
                    return statements;
                case "close":
                case "abort":
                    statements.closeAll();
                    break;
                case "unwrap":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return proxy;
                    }
                    break;
                case "isWrapperFor":
                    if (((Class<?>) args[0]).isInstance(proxy)) {
                        return true;
                    }
                    break;
                case "equals":
                    return proxy == args[0];
                case "hashCode":
                    return System.identityHashCode(proxy);
                case "toString":
                    return "statement-keeping " + physical;
                default:
                    break;
            }
            try {
                return method.invoke(physical, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }
}
