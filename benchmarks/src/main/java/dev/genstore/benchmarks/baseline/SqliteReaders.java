package dev.genstore.benchmarks.baseline;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite reads by hand, set up as genstore's SqliteStorage sets up its readers: a HikariCP pool of 4 read-only
 * connections (foreign keys on, a busy timeout), each read a deferred transaction, so WAL readers run beside the
 * writer and see one snapshot. Writing through it fails.
 */
public final class SqliteReaders implements RawDatabase {
    private static final int READERS = 4;

    private final HikariDataSource pool;

    private SqliteReaders(HikariDataSource pool) {
        this.pool = pool;
    }

    public static SqliteReaders open(Path file) {
        SQLiteConfig config = SqliteWriter.baseConfig();
        config.setReadOnly(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("baseline-sqlite-reader");
        hikari.setDataSource(source);
        hikari.setMaximumPoolSize(READERS);
        hikari.setMinimumIdle(1);
        hikari.setAutoCommit(true);
        hikari.setReadOnly(true);
        return new SqliteReaders(new HikariDataSource(hikari));
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false); // BEGIN (deferred): the snapshot starts at the first read
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
        return Binding.SQLITE;
    }

    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public void close() {
        pool.close();
    }
}
