package dev.genstore.jdbc;

import dev.genstore.jdbc.internal.ConnectionStatements;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source whose connections keep the prepared statements of genstore's hottest statements for reuse, for
 * drivers without a statement cache of their own (sqlite-jdbc, H2). Give it to the pool as its data source: each
 * statement cache belongs to one physical connection and is closed and collected with it, so a connection the pool
 * closes or retires (HikariCP's {@code maxLifetime}) leaves nothing behind. A statement whose execution failed is
 * dropped and prepared anew on its next use.
 *
 * <p>PostgreSQL needs none: pgjdbc keeps server-side prepared statements per connection itself
 * ({@code prepareThreshold}, {@code preparedStatementCacheQueries}).
 */
public final class StatementCachingDataSource implements DataSource {
    private final DataSource physical;

    private StatementCachingDataSource(DataSource physical) {
        this.physical = physical;
    }

    /** {@code physical}'s connections, each keeping its prepared statements. */
    public static DataSource around(DataSource physical) {
        return new StatementCachingDataSource(physical);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return ConnectionStatements.keepingStatements(physical.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return ConnectionStatements.keepingStatements(physical.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return physical.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        physical.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        physical.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return physical.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return physical.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return iface.isInstance(this) ? iface.cast(this) : physical.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this) || physical.isWrapperFor(iface);
    }
}
