package dev.genstore.benchmarks.baseline;

import dev.genstore.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;

/**
 * SQLite the way genstore's SqliteStorage promises to use it, written by hand: one writer connection shared under a
 * lock, {@code BEGIN IMMEDIATE} transactions, WAL, synchronous=NORMAL, foreign keys on, a busy timeout. Autocommit is
 * restored after every transaction: with TransactionMode IMMEDIATE, sqlite-jdbc re-opens a transaction (and takes
 * the file's write lock again) right after each commit, which would lock out other processes sharing the file.
 */
public final class SqliteWriter implements RawDatabase {
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private SqliteWriter(Connection connection) {
        this.connection = connection;
    }

    public static SqliteWriter open(Path file) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(30_000);
        config.setCacheSize((int) -(SqliteStorage.DEFAULT_PAGE_CACHE_BYTES / 1024)); // genstore's page cache
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return new SqliteWriter(config.createConnection("jdbc:sqlite:" + file));
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        lock.lock();
        try {
            connection.setAutoCommit(false); // BEGIN IMMEDIATE
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
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> T autocommit(SqlWork<T> work) throws SQLException {
        lock.lock();
        try {
            return work.run(connection);
        } finally {
            lock.unlock();
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
    public void close() throws SQLException {
        connection.close();
    }
}
