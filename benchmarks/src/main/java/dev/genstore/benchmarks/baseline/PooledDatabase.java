package dev.genstore.benchmarks.baseline;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A server-style database (PostgreSQL, H2) behind a HikariCP pool; rows are locked with {@code FOR UPDATE}. */
public final class PooledDatabase implements RawDatabase {
    private final HikariDataSource pool;
    private final Binding binding;
    private final String onClose;

    private PooledDatabase(HikariDataSource pool, Binding binding, String onClose) {
        this.pool = pool;
        this.binding = binding;
        this.onClose = onClose;
    }

    /**
     * A pool on {@code jdbcUrl}.
     *
     * @param user    the user name, or {@code null} when the URL carries it
     * @param onClose a statement to run before the pool closes (H2's {@code SHUTDOWN}), or {@code null}
     */
    public static PooledDatabase open(String name, String jdbcUrl, String user, int size, int minimumIdle,
                                      Binding binding, String onClose) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
            config.setPassword("");
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(minimumIdle);
        return new PooledDatabase(new HikariDataSource(config), binding, onClose);
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    @Override
    public <T> T autocommit(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return work.run(connection);
        }
    }

    @Override
    public Binding binding() {
        return binding;
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public void close() throws SQLException {
        try {
            if (onClose != null) {
                Connection connection = pool.getConnection();
                try (Statement statement = connection.createStatement()) {
                    statement.execute(onClose);
                } finally {
                    try {
                        connection.close();
                    } catch (SQLException alreadyClosed) {
                        // H2's SHUTDOWN closes every connection, this one included
                    }
                }
            }
        } finally {
            pool.close();
        }
    }
}
