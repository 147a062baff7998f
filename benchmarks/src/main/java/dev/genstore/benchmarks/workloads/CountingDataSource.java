package dev.genstore.benchmarks.workloads;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A data source that counts the round trips its connections make to the server: each statement execution
 * ({@code execute}, {@code executeQuery}, {@code executeUpdate}, {@code executeBatch}, …) and each {@code commit} or
 * {@code rollback} is one. PostgreSQL's driver sends {@code BEGIN} with the first statement of a transaction, so a
 * transaction of n statements costs n + 1. Put a pool on top of it, as an application would.
 */
final class CountingDataSource extends ConnectionSource {
    private static final Set<String> ROUND_TRIPS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
            "executeBatch", "executeLargeBatch", "commit", "rollback");

    /** Opens one real connection. */
    interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;
    private final AtomicLong roundTrips = new AtomicLong();

    CountingDataSource(Opener opener) {
        this.opener = opener;
    }

    /** Round trips so far, on every connection. */
    long roundTrips() {
        return roundTrips.get();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return wrap(opener.open(), Connection.class);
    }

    @SuppressWarnings("unchecked")
    private <T> T wrap(T target, Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (ROUND_TRIPS.contains(method.getName())) {
                roundTrips.incrementAndGet();
            }
            Object result = invoke(target, method, args);
            if (result instanceof CallableStatement c) {
                return wrap(c, CallableStatement.class);
            }
            if (result instanceof PreparedStatement p) {
                return wrap(p, PreparedStatement.class);
            }
            if (result instanceof Statement s && !(result instanceof Proxy)) {
                return wrap(s, Statement.class);
            }
            return result;
        };
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
