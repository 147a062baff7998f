package dev.genstore.benchmarks.backend;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.benchmarks.baseline.Binding;
import dev.genstore.benchmarks.baseline.PooledDatabase;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.jdbc.Dialect;
import dev.genstore.jdbc.JdbcStorage;
import dev.genstore.jdbc.Pools;
import dev.genstore.memory.MemoryStorage;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;

/**
 * H2 in memory. genstore's side is a plain {@link MemoryStorage#create()}, private to its instance; the baseline's is a
 * named in-memory H2 database that outlives its connections, with the same URL settings MemoryStorage uses.
 */
final class MemoryBackend implements Backend {
    /** MemoryStorage's pool size (Hikari's default minimum idle equals it). */
    private static final int POOL_SIZE = 10;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public Storage genstore(String database) {
        return MemoryStorage.create();
    }

    @Override
    public Storage baselineSchema(String database) {
        JdbcDataSource source = new JdbcDataSource();
        source.setURL(url(database));
        source.setUser("sa");
        source.setPassword("");
        return new MigratedOnly(MemoryStorage.create().dialect(), source);
    }

    @Override
    public RawDatabase raw(String database) {
        return PooledDatabase.open("baseline-memory", url(database), "sa", POOL_SIZE, POOL_SIZE, Binding.STANDARD,
                "SHUTDOWN");
    }

    @Override
    public Storage genstoreNamed(String database) {
        return new Named(MemoryStorage.create().dialect(), url(database));
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), "sa", "");
    }

    private static String url(String database) {
        return "jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=20000";
    }

    @Override
    public void close() {
        // each baseline database is dropped (SHUTDOWN) when its RawDatabase closes
    }

    /**
     * MemoryStorage on a database with a name: the same dialect, URL settings and pool size, and on close the same
     * SHUTDOWN, which drops the database.
     */
    private static final class Named extends JdbcStorage {
        private final String url;

        Named(Dialect dialect, String url) {
            super(dialect);
            this.url = url;
        }

        @Override
        protected Pools openPools() {
            HikariConfig config = new HikariConfig();
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

    /** genstore over an unpooled data source it must not close: enough to migrate, seed and check a database. */
    private static final class MigratedOnly extends JdbcStorage {
        private final javax.sql.DataSource source;

        MigratedOnly(Dialect dialect, javax.sql.DataSource source) {
            super(dialect);
            this.source = source;
        }

        @Override
        protected Pools openPools() {
            return new Pools(source, source, () -> { });
        }
    }
}
