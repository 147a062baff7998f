package dev.genstore.benchmarks.baseline;

import dev.genstore.sqlite.SqliteStorage;
import dev.genstore.sqlite.internal.WalCheckpointer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite the way genstore's SqliteStorage promises to use it, written by hand: one writer connection shared under a
 * lock, {@code BEGIN IMMEDIATE} transactions run as statements on the connection left in autocommit (sqlite-jdbc's
 * own {@code commit()} re-opens a transaction, taking the file's write lock again, right after each commit), WAL,
 * synchronous=NORMAL, foreign keys on, a busy timeout, genstore's page cache. SQLite's automatic checkpoint runs in
 * the committing writer unless {@code -Dbench.baseline.checkpointer=true} gives the baseline genstore's background one.
 */
public final class SqliteWriter implements RawDatabase {
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    /** Only with {@code -Dbench.baseline.checkpointer=true}: genstore's background checkpointer, for a like-for-like figure. */
    private final WalCheckpointer checkpointer;

    private SqliteWriter(Connection connection, WalCheckpointer checkpointer) throws SQLException {
        this.connection = connection;
        this.begin = connection.prepareStatement("BEGIN IMMEDIATE");
        this.commit = connection.prepareStatement("COMMIT");
        this.rollback = connection.prepareStatement("ROLLBACK");
        this.checkpointer = checkpointer;
    }

    /** What every baseline connection shares with genstore's: foreign keys, busy timeout, page cache, no generated keys. */
    static SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(30_000);
        config.setCacheSize((int) -(SqliteStorage.DEFAULT_PAGE_CACHE_BYTES / 1024)); // genstore's page cache
        config.setGetGeneratedKeys(false); // as genstore: no SELECT last_insert_rowid() after each INSERT
        return config;
    }

    public static SqliteWriter open(Path file) throws SQLException {
        SQLiteConfig config = baseConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        WalCheckpointer checkpointer = null;
        if (Boolean.getBoolean("bench.baseline.checkpointer")) {
            config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(WalCheckpointer.BACKSTOP_PAGES));
            SQLiteDataSource source = new SQLiteDataSource(config);
            source.setUrl("jdbc:sqlite:" + file);
            checkpointer = WalCheckpointer.start(source, "baseline-checkpoint");
        }
        return new SqliteWriter(config.createConnection("jdbc:sqlite:" + file), checkpointer);
    }

    /**
     * {@code BEGIN IMMEDIATE}, {@code COMMIT} and {@code ROLLBACK} as statements prepared once, on the connection left in
     * autocommit, as genstore runs them: sqlite-jdbc's {@code setAutoCommit(false)}/{@code commit()}/{@code
     * setAutoCommit(true)} would run four statements, each compiled anew.
     */
    @Override
    public <T> T inTransaction(SqlWork<T> work) throws SQLException {
        lock.lock();
        try {
            begin.executeUpdate();
            try {
                T result = work.run(connection);
                commit.executeUpdate();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollback.executeUpdate();
                throw e;
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
        if (checkpointer != null) {
            checkpointer.close();
        }
        connection.close();
    }
}
