package dev.genstore.benchmarks.backend;

import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * One database engine, holding two kinds of database: genstore's, opened exactly as an application would open it, and
 * the baseline's, whose schema genstore's own migrations create (so tables and indexes are identical) but which the
 * timed code reaches through plain JDBC.
 */
public interface Backend extends AutoCloseable {
    /** The names {@link #open} accepts, in the order {@code benchmarks/run} runs them. */
    List<String> NAMES = List.of("sqlite", "postgres", "memory");

    /** Starts the engine (embedded PostgreSQL, a scratch directory for SQLite files). */
    static Backend open(String name) throws Exception {
        return switch (name) {
            case "sqlite" -> new SqliteBackend();
            case "postgres" -> new PostgresBackend();
            case "memory" -> new MemoryBackend();
            default -> throw new IllegalArgumentException("unknown backend " + name + "; expected one of " + NAMES);
        };
    }

    String name();

    /** genstore's storage on a new, empty database called {@code database}, configured as the defaults leave it. */
    Storage genstore(String database) throws Exception;

    /**
     * A genstore storage on the baseline database {@code database}, created empty on the first call: opening it
     * applies genstore's migrations. Workloads also seed the baseline through it, and check it after the timing.
     */
    Storage baselineSchema(String database) throws Exception;

    /** Hand-written JDBC access to the baseline database {@code database} (call {@link #baselineSchema} first). */
    RawDatabase raw(String database) throws Exception;

    /**
     * Hand-written JDBC access for read-only transactions on the baseline database {@code database}, set up as
     * genstore's reads are: SQLite a pool of read-only connections beside the writer, the server databases the same
     * pool as {@link #raw}.
     */
    default RawDatabase rawReader(String database) throws Exception {
        return raw(database);
    }

    /**
     * genstore's storage on a new, empty database called {@code database} that {@link #connect} can also reach, for
     * workloads that bulk-load genstore's own database with plain JDBC. SQLite and PostgreSQL address their databases
     * by name anyway ({@link #genstore}); memory's own {@code MemoryStorage.create()} is private to its instance, so
     * there it is the same JdbcStorage with MemoryStorage's dialect, URL settings and pool size on a named database.
     */
    default Storage genstoreNamed(String database) throws Exception {
        return genstore(database);
    }

    /**
     * A plain, unpooled connection to {@code database} (genstore's, opened with {@link #genstoreNamed}, or the
     * baseline's), for loading and checking data outside the timing. The caller closes it.
     */
    Connection connect(String database) throws SQLException;

    /**
     * Like {@link #connect}, but with the driver settings genstore's own pool uses (on PostgreSQL, batches are not
     * rewritten into multi-row INSERTs), for baselines that must talk to the database as genstore does.
     */
    default Connection connectAsGenstore(String database) throws SQLException {
        return connect(database);
    }

    /**
     * A pool on a new, empty database called {@code database}, set up as genstore's own pool, whose physical
     * connections come from the driver's data source as {@code wrap} wraps it (to count what they do); empty where
     * genstore's storage cannot take a data source (only {@code PostgresStorage.of(DataSource)} can). For counting
     * round trips, not for timing. The caller closes it.
     */
    default Optional<HikariDataSource> pool(String database, UnaryOperator<DataSource> wrap) {
        return Optional.empty();
    }

    /** Stops the engine and deletes what it wrote. */
    @Override
    void close() throws Exception;
}
