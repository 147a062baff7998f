package dev.genstore.sqlite.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the write-ahead log back into the database file on a thread of its own. SQLite's automatic checkpoint runs
 * inside the commit that pushes the log past its threshold: that writer then copies every page written since the last
 * checkpoint and waits for two {@code fsync}s while every other writer waits for it. Measured on the ledger's debit
 * (five pages a transaction), that costs a writer about 40 % of its rate. Here a daemon thread runs a
 * {@code PASSIVE} checkpoint every {@link #PERIOD} on its own connection: it never blocks a writer or a reader (it stops
 * at frames a reader still needs and goes on next time), and a log with nothing new costs one statement. The writer
 * keeps SQLite's automatic checkpoint at a higher threshold as a backstop, should this thread fall behind.
 *
 * <p>Durability does not change: under {@code synchronous=NORMAL} a checkpoint is still what syncs the log, as before,
 * and under {@code FULL} every commit syncs it anyway.
 */
public final class WalCheckpointer implements AutoCloseable {
    /** The writer's own automatic checkpoint threshold, in pages, while this thread checkpoints (SQLite's is 1,000). */
    public static final int BACKSTOP_PAGES = 10_000;
    /** How often the log is copied back. */
    public static final Duration PERIOD = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(WalCheckpointer.class);

    private final DataSource source;
    private final ScheduledExecutorService thread;
    /** Used only on {@link #thread}. */
    private Connection connection;
    private boolean warned;

    private WalCheckpointer(DataSource source, String name) {
        this.source = source;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts checkpointing the database of {@code source} every {@link #PERIOD}, on a thread called {@code name}. */
    public static WalCheckpointer start(DataSource source, String name) {
        WalCheckpointer checkpointer = new WalCheckpointer(source, name);
        long millis = PERIOD.toMillis();
        checkpointer.thread.scheduleWithFixedDelay(checkpointer::checkpoint, millis, millis, TimeUnit.MILLISECONDS);
        return checkpointer;
    }

    private void checkpoint() {
        try {
            if (connection == null) {
                connection = source.getConnection();
            }
            try (Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
                result.next(); // busy, log frames, frames checkpointed: nothing to act on, the next turn goes on
            }
            warned = false;
        } catch (SQLException | RuntimeException e) {
            closeConnection();
            if (!warned) { // once per run of failures: the writer's own automatic checkpoint still bounds the log
                LOG.warn("genstore: background WAL checkpoint failed, trying again: {}", e.getMessage());
                warned = true;
            }
        }
    }

    private void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the connection is dropped either way
            }
            connection = null;
        }
    }

    /** Stops the thread (waiting for a checkpoint under way) and closes its connection. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (thread.awaitTermination(30, TimeUnit.SECONDS)) {
                closeConnection(); // the thread has ended: nothing else uses the connection
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.shutdownNow(); // a checkpoint still running keeps its connection until the JVM collects it
    }
}
