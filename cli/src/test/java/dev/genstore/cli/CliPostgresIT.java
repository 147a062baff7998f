package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.contract.MutableClock;
import dev.genstore.contract.TransferFixtures;
import dev.genstore.postgres.PostgresStorage;
import dev.genstore.postgres.TestPostgres;
import dev.genstore.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar against the embedded PostgreSQL server (or GENSTORE_PG_URL), one fresh schema per test. */
class CliPostgresIT {
    private String url;

    @BeforeEach
    void freshSchema() {
        url = TestPostgres.freshSchemaUrl();
    }

    @Test
    void migrateInfoAndStatsWorkFromTheShadedJar() {
        // Flyway's PostgreSQL support is a plugin found through META-INF/services: this fails if shading lost it.
        JsonNode migrated = CliProcess.run("migrate", "--db", url, "--json").exits(Exit.OK).json();
        assertEquals("postgres", migrated.get("backend").asText());
        assertEquals("none", migrated.get("from").asText());
        assertTrue(migrated.get("applied").asInt() >= 6, migrated.toString());

        try (Genstore store = Genstore.open(PostgresStorage.of(url))) {
            store.accounts().create(NewUser.withEmail("ann@example.com"));
            store.prompts().record("a cat", "sdxl");
        }
        CliProcess.Result info = CliProcess.run("info", "--db", url).exits(Exit.OK);
        assertTrue(info.out().contains("schema.status: up to date"), info.out());
        assertTrue(info.out().contains("rows.users: 1"), info.out());
        assertFalse(info.out().contains("genstore_schema_history"), info.out());

        JsonNode stats = CliProcess.run("stats", "--db", url, "--json").exits(Exit.OK).json();
        assertEquals(1, stats.at("/prompts/total").asLong());
        assertEquals("postgres", stats.get("backend").asText());
    }

    @Test
    void copyFromSqliteIsVerifiedCanRunAgainAndAnExportImportsIntoAnEmptySchema(@TempDir Path dir) {
        Path file = dir.resolve("app.db");
        MutableClock clock = new MutableClock(Instant.now(), ZoneOffset.UTC);
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(file)).clock(clock).build()) {
            TransferFixtures.fill(store, clock);
        }
        JsonNode first = CliProcess.run("copy", "--from", file.toString(), "--to", url, "--json").exits(Exit.OK).json();
        assertEquals("sqlite", first.get("fromBackend").asText());
        assertEquals("postgres", first.get("toBackend").asText());
        assertEquals(2, first.at("/tables/users").asLong(), first.toString());
        assertTrue(first.get("blobs").asLong() >= 3, first.toString());
        assertFalse(first.toString().contains("password"), "the URL's password is printed: " + first);

        // Interrupted or not, a copy runs again into the same target and ends with the same rows, no duplicates.
        JsonNode again = CliProcess.run("copy", "--from", file.toString(), "--to", url, "--json").exits(Exit.OK).json();
        for (String field : new String[] {"tables", "rows", "blobs", "blobBytes"}) {
            assertEquals(first.get(field), again.get(field), field);
        }
        CliProcess.run("verify", "--db", url).exits(Exit.OK);
        Map<String, List<String>> sqlite;
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            sqlite = TransferFixtures.contents(store, dir);
        }
        try (Genstore store = Genstore.open(PostgresStorage.of(url))) {
            assertEquals(sqlite, TransferFixtures.contents(store, dir));
        }

        Path export = dir.resolve("export");
        CliProcess.run("export", "--db", file.toString(), export.toString()).exits(Exit.OK);
        String empty = TestPostgres.freshSchemaUrl();
        JsonNode imported = CliProcess.run("import", "--db", empty, export.toString(), "--json").exits(Exit.OK).json();
        assertEquals(first.get("tables"), imported.get("tables"));
        assertEquals("postgres", imported.get("backend").asText());
        CliProcess.run("import", "--db", empty, export.toString()).exits(Exit.FAILED)
                .failsWithOneLine("is not empty (table");
        CliProcess.run("backup", "--db", empty, dir.resolve("backup").toString()).exits(Exit.USAGE)
                .failsWithOneLine("use pg_dump");
    }

    @Test
    void aDatabaseANewerGenstoreMigratedIsRefusedAndLeftAsItWas() {
        CliProcess.run("migrate", "--db", url).exits(Exit.OK);
        execute("INSERT INTO genstore_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, installed_on, execution_time, success) VALUES (999, '999', 'from the future', 'SQL',"
                + " 'V999__from_the_future.sql', 0, 'test', now(), 1, true)");
        long history = count("SELECT COUNT(*) FROM genstore_schema_history");

        CliProcess.run("migrate", "--db", url).exits(Exit.FAILED).failsWithOneLine("upgrade genstore");
        CliProcess.run("stats", "--db", url).exits(Exit.FAILED).failsWithOneLine("migrated by a newer genstore");
        CliProcess.run("info", "--db", url).exits(Exit.PROBLEMS);
        assertEquals(history, count("SELECT COUNT(*) FROM genstore_schema_history"));
    }

    @Test
    void anUnreachableServerIsOneLineThatHidesThePassword() {
        CliProcess.run("info", "--db", "jdbc:postgresql://127.0.0.1:1/app?user=app&password=s3cret").exits(Exit.FAILED)
                .failsWithOneLine("cannot connect to jdbc:postgresql://127.0.0.1:1/app?user=app&password=***");
        CliProcess.Result result = CliProcess.run("migrate", "--db", "jdbc:postgresql://127.0.0.1:1/app", "--password", "s3cret");
        result.exits(Exit.FAILED).failsWithOneLine("check the host and port");
        assertFalse(result.err().contains("s3cret"), result.err());
    }

    @Test
    void anUnknownRoleOrDatabaseSaysWhatToCheck() {
        String withoutUser = url.replaceAll("([?&])user=[^&]*&?", "$1");
        CliProcess.run("info", "--db", withoutUser, "--user", "no_such_role").exits(Exit.FAILED)
                .failsWithOneLine("check --user and the password");
        String otherDatabase = url.replaceFirst("/postgres\\?", "/no_such_database?");
        CliProcess.run("info", "--db", otherDatabase).exits(Exit.FAILED).failsWithOneLine("check the database name");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
