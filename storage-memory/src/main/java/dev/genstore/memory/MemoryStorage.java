package dev.genstore.memory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.jdbc.JdbcStorage;
import dev.genstore.jdbc.Pools;
import dev.genstore.jdbc.StatementCachingDataSource;
import dev.genstore.memory.internal.H2Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

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

    private final String database;

    private MemoryStorage(String database) {
        super(new H2Dialect());
        this.database = database;
    }

    /** The database's JDBC URL, for this module's tests that reach the database directly. */
    String jdbcUrl() {
        return url(database);
    }

    /** A new, empty, private in-memory storage. */
    public static MemoryStorage create() {
        return new MemoryStorage("genstore-" + UUID.randomUUID());
    }

    /** A storage on the in-memory database of this name, which a test can also reach at {@link #url(String)}. */
    static MemoryStorage named(String database) {
        return new MemoryStorage(database);
    }

    /**
     * The URL of an in-memory database. DB_CLOSE_DELAY=-1 keeps the database while the pool churns connections
     * (SHUTDOWN on close drops it); LOCK_TIMEOUT: row-lock waits under contention must outlast H2's 1-second default.
     */
    static String url(String database) {
        return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    }

    @Override
    protected Pools openPools() {
        HikariConfig config = new HikariConfig();
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url(database));
        h2.setUser("sa");
        h2.setPassword("");
        // H2 caches only a few compiled statements per session: each pooled connection keeps genstore's hot ones.
        config.setDataSource(StatementCachingDataSource.around(h2));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("genstore-memory");
        HikariDataSource pool = new HikariDataSource(config);
        return new Pools(pool, pool, () -> {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                // H2 keeps each database's full-text word list in a JVM-wide map by database name, which SHUTDOWN
                // leaves behind: FT_DROP_ALL empties it, so closed stores leak nothing and a database opened again
                // under the same name cannot inherit stale word ids. (V14 already dropped the index V7 made; this
                // stays for a store whose migrations stopped in between.)
                dropFullText(s);
                s.execute("SHUTDOWN");
            } catch (SQLException ignored) {
                // the database is going away either way
            }
            pool.close();
        });
    }

    private static void dropFullText(Statement s) {
        try {
            s.execute("CALL FT_DROP_ALL()");
        } catch (SQLException ignored) {
            // no full-text index yet (the migrations failed early); SHUTDOWN must run anyway
        }
    }
}
