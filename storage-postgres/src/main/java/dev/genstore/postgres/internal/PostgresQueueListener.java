package dev.genstore.postgres.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the {@code NOTIFY} stores send after jobs were queued (see {@link PostgresQueueNotifier}) on a
 * connection of its own, outside the pool's use, and wakes the store's waiting claims when the notification names this
 * store's schema. When the connection drops it wakes them anyway (a notification may have been missed meanwhile) and
 * opens a new one, backing off up to a few seconds while the server is away; the claims' own poll covers the gap.
 */
public final class PostgresQueueListener implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresQueueListener.class);
    /** How long one wait for notifications lasts before the thread checks whether it should stop. */
    private static final int WAIT_MILLIS = 250;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final Callable<Connection> connections;
    private final Runnable onQueued;
    private final Thread thread;
    private volatile boolean running = true;

    public PostgresQueueListener(Callable<Connection> connections, Runnable onQueued) {
        this.connections = connections;
        this.onQueued = onQueued;
        this.thread = new Thread(this::run, "genstore-queue-listener");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoff = 100;
        while (running) {
            try (Connection connection = connections.call()) {
                String schema = listen(connection);
                backoff = 100;
                onQueued.run(); // jobs may have come while no connection listened
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null && anyFor(notifications, schema)) {
                        onQueued.run();
                    }
                }
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                LOG.debug("queue listener lost its connection, reopening: {}", e.toString());
                onQueued.run();
                sleep(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /** Listens on the channel; returns the connection's schema, the one its notifications name. */
    private static String listen(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("LISTEN " + PostgresDialect.JOBS_CHANNEL);
            try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static boolean anyFor(PGNotification[] notifications, String schema) {
        for (PGNotification notification : notifications) {
            if (schema == null || schema.equals(notification.getParameter())) {
                return true;
            }
        }
        return false;
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2_000);
    }
}
