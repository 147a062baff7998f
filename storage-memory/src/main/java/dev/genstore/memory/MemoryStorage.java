package dev.genstore.memory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.jdbc.JdbcStorage;
import dev.genstore.jdbc.Pools;
import dev.genstore.memory.internal.H2Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * An in-memory store for tests and prototypes: a private H2 database per instance, with the same SQL, transactions
 * and row locks as the durable backends. Everything is gone when the store is closed.
 *
 * <pre>{@code
 * try (Genstore store = Genstore.open(MemoryStorage.create())) { ... }
 * }</pre>
 */
public final class MemoryStorage extends JdbcStorage {
    private static final int POOL_SIZE = 10;

    private final String url = "jdbc:h2:mem:genstore-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";

    private MemoryStorage() {
        super(new H2Dialect());
    }

    /** The database's JDBC URL, for this module's tests that reach the database directly. */
    String jdbcUrl() {
        return url;
    }

    /** A new, empty, private in-memory storage. */
    public static MemoryStorage create() {
        return new MemoryStorage();
    }

    @Override
    protected Pools openPools() {
        HikariConfig config = new HikariConfig();
        // DB_CLOSE_DELAY=-1 keeps the database while the pool churns connections; SHUTDOWN on close drops it.
        // LOCK_TIMEOUT: row-lock waits under contention must outlast H2's 1-second default.
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("genstore-memory");
        HikariDataSource pool = new HikariDataSource(config);
        return new Pools(pool, pool, () -> {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // the database is going away either way
            }
            pool.close();
        });
    }
}
