package dev.genstore.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.jdbc.JdbcStorage;
import dev.genstore.jdbc.Pools;
import dev.genstore.postgres.internal.PostgresDialect;
import dev.genstore.postgres.internal.PostgresQueueListener;
import dev.genstore.postgres.internal.PostgresQueueNotifier;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * The PostgreSQL backend, for applications that run many instances against one server. Connections come from a
 * HikariCP pool genstore opens from a JDBC URL, or from the application's own {@link DataSource}. Balance changes
 * take row locks ({@code SELECT … FOR UPDATE}) on the account, so concurrent instances never overdraw.
 *
 * <p>Instances are immutable: each setting returns a new instance.
 */
public final class PostgresStorage extends JdbcStorage {
    private final String url;
    private final String user;
    private final String password;
    private final DataSource dataSource;
    private final int poolSize;

    private final boolean queueNotifications;
    /** Sends this store's notifications while it is open (with queueNotifications only). */
    private volatile PostgresQueueNotifier notifier;

    private PostgresStorage(String url, String user, String password, DataSource dataSource, int poolSize) {
        this(url, user, password, dataSource, poolSize, true);
    }

    private PostgresStorage(String url, String user, String password, DataSource dataSource, int poolSize,
                            boolean queueNotifications) {
        super(new PostgresDialect());
        this.queueNotifications = queueNotifications;
        this.url = url;
        this.user = user;
        this.password = password;
        this.dataSource = dataSource;
        this.poolSize = poolSize;
    }

    /**
     * A storage on the database at a JDBC URL such as {@code jdbc:postgresql://host/db?user=app&password=secret}.
     * genstore opens (and on close, closes) a pool of 10 connections.
     */
    public static PostgresStorage of(String jdbcUrl) {
        return of(jdbcUrl, null, null);
    }

    /** A storage on the database at a JDBC URL, with credentials. */
    public static PostgresStorage of(String jdbcUrl, String user, String password) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidInputException("jdbcUrl", "must be a jdbc:postgresql: URL, was " + jdbcUrl);
        }
        return new PostgresStorage(jdbcUrl, user, password, null, 10);
    }

    /**
     * A storage on the application's own data source (a pool, ideally). genstore does not close it. Size the pool for
     * the application's concurrency: each running genstore transaction holds one connection.
     */
    public static PostgresStorage of(DataSource dataSource) {
        if (dataSource == null) {
            throw new InvalidInputException("dataSource", "must not be null");
        }
        return new PostgresStorage(null, null, null, dataSource, 0);
    }

    /** The size of the pool genstore opens from a URL; 10 by default. */
    public PostgresStorage poolSize(int size) {
        if (dataSource != null) {
            throw new InvalidInputException("poolSize", "does not apply to an application's own data source");
        }
        if (size < 2 || size > 1000) {
            throw new InvalidInputException("poolSize", "must be between 2 and 1000, was " + size);
        }
        return new PostgresStorage(url, user, password, null, size, queueNotifications);
    }

    /**
     * Whether a submit tells the other stores on the database that jobs were queued ({@code NOTIFY}, on by default), so
     * that their waiting claims wake at once. The notification goes after the submit's commit, from a background thread
     * that sends one for all the submits committed meanwhile (PostgreSQL serializes the commits of transactions that
     * notify, so a notification inside each submit would make concurrent submits commit one at a time). Off, waiting
     * claims in other processes find new work at their next poll. Waiting claims of this store are woken in-process
     * either way.
     */
    public PostgresStorage queueNotifications(boolean enabled) {
        return new PostgresStorage(url, user, password, dataSource, poolSize, enabled);
    }

    /**
     * Listens for jobs queued by other stores on a connection of its own: opened from the URL beside the pool, or taken
     * from the application's data source and kept (one connection of it stays busy while the store is open).
     */
    @Override
    protected AutoCloseable openQueueListener(Runnable onQueued) {
        Callable<Connection> connections = dataSource != null ? dataSource::getConnection : () -> {
            Properties properties = new Properties();
            if (user != null) {
                properties.setProperty("user", user);
            }
            if (password != null) {
                properties.setProperty("password", password);
            }
            properties.setProperty("logServerErrorDetail", "false");
            return DriverManager.getConnection(url, properties);
        };
        return new PostgresQueueListener(connections, onQueued);
    }

    @Override
    protected void jobsQueued() {
        PostgresQueueNotifier sender = notifier;
        if (sender != null) {
            sender.jobsQueued();
        }
    }

    @Override
    protected Pools openPools() {
        if (dataSource != null) {
            PostgresQueueNotifier sender = startNotifier(dataSource);
            return new Pools(dataSource, dataSource, () -> closeNotifier(sender));
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("genstore-postgres");
        config.setJdbcUrl(url);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        // The server's error details quote row values (e.g. "Key (email)=(ann@example.com) already exists"); they
        // would reach genstore's exception messages and logs, which must not repeat emails or other stored data.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        // While the server is unreachable a call waits for a connection at most its whole deadline (HikariCP's floor
        // is 250 ms), and is not retried past it.
        config.setConnectionTimeout(Math.max(250, operationDeadline().toMillis()));
        HikariDataSource pool = new HikariDataSource(config);
        PostgresQueueNotifier sender = startNotifier(pool);
        return new Pools(pool, pool, () -> {
            closeNotifier(sender); // it may still be sending on the pool
            pool.close();
        });
    }

    /** The notifier this store sends with while open, on {@code connections}; null with notifications off. */
    private PostgresQueueNotifier startNotifier(DataSource connections) {
        PostgresQueueNotifier sender = queueNotifications ? new PostgresQueueNotifier(connections) : null;
        notifier = sender;
        return sender;
    }

    private void closeNotifier(PostgresQueueNotifier sender) {
        if (sender != null) {
            notifier = null;
            sender.close();
        }
    }
}
