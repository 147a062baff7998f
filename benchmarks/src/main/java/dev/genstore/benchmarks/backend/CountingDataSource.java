package dev.genstore.benchmarks.backend;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that counts the calls on its connections that talk to the server: every statement execution
 * ({@code execute…}, batches once), {@code commit}, {@code rollback}, {@code isValid} and the isolation-level calls.
 * With pgjdbc each is one network round trip (a {@code BEGIN} travels in the same message as the transaction's first
 * statement), so the count is the round trips an operation costs. Only for measuring: every call goes through a
 * reflective proxy.
 */
public final class CountingDataSource implements DataSource {
    private static final Set<String> CONNECTION_CALLS = Set.of("commit", "rollback", "isValid",
            "getTransactionIsolation", "setTransactionIsolation");

    private final DataSource delegate;
    private final LongAdder calls = new LongAdder();

    public CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** The server calls counted so far. */
    public long calls() {
        return calls.sum();
    }

    @Override
    public Connection getConnection() throws SQLException {
        return counted(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return counted(delegate.getConnection(username, password));
    }

    private Connection counted(Connection connection) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (CONNECTION_CALLS.contains(name)) {
                calls.increment();
            }
            Object result = invoke(connection, method, args);
            if (result instanceof CallableStatement s) {
                return statement(s, CallableStatement.class);
            }
            if (result instanceof PreparedStatement s) {
                return statement(s, PreparedStatement.class);
            }
            if (result instanceof Statement s) {
                return statement(s, Statement.class);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                handler);
    }

    private <S extends Statement> S statement(S statement, Class<S> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().startsWith("execute")) {
                calls.increment();
            }
            return invoke(statement, method, args);
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
