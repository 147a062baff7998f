package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real jar against real SQLite files. */
class CliSqliteIT {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("app.db");
    }

    @Test
    void migrateCreatesTheDatabaseAndInfoReportsItUpToDate() {
        JsonNode migrated = CliProcess.run("migrate", "--db", db().toString(), "--json").exits(Exit.OK).json();
        assertEquals("sqlite", migrated.get("backend").asText());
        assertTrue(migrated.get("created").asBoolean());
        assertEquals("none", migrated.get("from").asText());
        assertTrue(migrated.get("applied").asInt() >= 6, migrated.toString());
        assertTrue(Files.isRegularFile(db()));

        CliProcess.Result info = CliProcess.run("info", "--db", db().toString()).exits(Exit.OK);
        assertTrue(info.out().contains("backend: sqlite"), info.out());
        assertTrue(info.out().contains("schema.status: up to date"), info.out());
        assertTrue(info.out().contains("schema.version: " + migrated.get("to").asText()), info.out());
        assertTrue(info.out().contains("rows.users: 0"), info.out());
        assertEquals("", info.err());

        JsonNode again = CliProcess.run("migrate", "--db", db().toString(), "--json").exits(Exit.OK).json();
        assertEquals(0, again.get("applied").asInt());
        assertFalse(again.get("created").asBoolean());
    }

    @ParameterizedTest
    @ValueSource(strings = {"info", "stats"})
    void readingCommandsOnAMissingFileFailAndCreateNothing(String command) {
        CliProcess.run(command, "--db", db().toString()).exits(Exit.FAILED)
                .failsWithOneLine("no database at " + db() + "; check the path or run `genstore migrate` to create one");
        assertFalse(Files.exists(db()), "the command created the database file");
        assertFalse(Files.exists(dir.resolve("app.db-blobs")), "the command created the blob directory");
    }

    @Test
    void statsReportWhatTheStoreHolds() {
        try (Genstore store = Genstore.open(SqliteStorage.file(db()))) {
            store.accounts().create(NewUser.withEmail("ann@example.com"));
            store.prompts().record("A cat on a mat", "sdxl");
            store.prompts().record("a  CAT on a mat", "sdxl");
            store.prompts().record("a dog", "flux");
        }
        JsonNode stats = CliProcess.run("stats", "--db", db().toString(), "--json").exits(Exit.OK).json();
        assertEquals("sqlite", stats.get("backend").asText());
        assertEquals(2, stats.at("/prompts/total").asLong());
        assertEquals(3, stats.at("/prompts/uses").asLong());
        assertEquals(2, stats.at("/prompts/usesPerModel/sdxl").asLong());
        assertEquals(0, stats.at("/jobs/total").asLong());
        assertEquals(0, stats.at("/cache/entries").asLong());

        CliProcess.Result info = CliProcess.run("info", "--db", db().toString()).exits(Exit.OK);
        assertTrue(info.out().contains("rows.users: 1"), info.out());
        assertTrue(info.out().contains("rows.prompts: 2"), info.out());
    }

    @Test
    void anOutdatedSchemaIsReportedAndMigrateBringsItUpToDate() {
        Flyway.configure().dataSource("jdbc:sqlite:" + db(), null, null)
                .locations("classpath:dev/genstore/sqlite/migration").table("genstore_schema_history")
                .target("3").load().migrate();

        CliProcess.Result info = CliProcess.run("info", "--db", db().toString(), "--json").exits(Exit.PROBLEMS);
        assertEquals("3", info.json().at("/schema/version").asText());
        assertTrue(info.json().at("/schema/pending").asInt() >= 3);
        assertTrue(info.err().contains("run `genstore migrate`"), info.err());
        assertEquals(3, historyRows(), "info migrated the database");

        CliProcess.run("stats", "--db", db().toString()).exits(Exit.FAILED)
                .failsWithOneLine("is at schema version 3 and this genstore needs");
        assertEquals(3, historyRows(), "stats migrated the database");

        JsonNode migrated = CliProcess.run("migrate", "--db", db().toString(), "--json").exits(Exit.OK).json();
        assertEquals("3", migrated.get("from").asText());
        assertEquals(info.json().at("/schema/pending").asInt(), migrated.get("applied").asInt());
        CliProcess.run("info", "--db", db().toString()).exits(Exit.OK);
        CliProcess.run("stats", "--db", db().toString()).exits(Exit.OK);
    }

    @Test
    void aDatabaseANewerGenstoreMigratedIsRefusedAndLeftAsItWas() throws IOException {
        try (Genstore store = Genstore.open(SqliteStorage.file(db()))) {
            store.accounts().create(NewUser.withEmail("ann@example.com"));
        }
        execute("INSERT INTO genstore_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, installed_on, execution_time, success) VALUES (999, '999', 'from the future', 'SQL',"
                + " 'V999__from_the_future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, 1)");
        long history = historyRows();

        CliProcess.run("migrate", "--db", db().toString()).exits(Exit.FAILED)
                .failsWithOneLine("migrated by a newer genstore");
        CliProcess.Result refused = CliProcess.run("migrate", "--db", db().toString());
        assertTrue(refused.err().contains("upgrade genstore"), refused.err());
        CliProcess.run("stats", "--db", db().toString()).exits(Exit.FAILED).failsWithOneLine("upgrade genstore");

        CliProcess.Result info = CliProcess.run("info", "--db", db().toString(), "--json").exits(Exit.PROBLEMS);
        assertEquals("999", info.json().at("/schema/version").asText());
        assertTrue(info.json().at("/schema/status").asText().startsWith("newer"), info.out());

        assertEquals(history, historyRows(), "a refused command wrote to the history table");
        assertEquals(1, count("SELECT COUNT(*) FROM users"));
    }

    @Test
    void aFileThatIsNotADatabaseIsRefusedAndLeftAsItWas() throws IOException {
        byte[] text = "these are not the pages you are looking for\n".repeat(200).getBytes();
        Files.write(db(), text);
        for (String command : new String[] {"info", "stats", "migrate"}) {
            CliProcess.run(command, "--db", db().toString()).exits(Exit.FAILED)
                    .failsWithOneLine("is not a usable SQLite database");
        }
        assertArrayEquals(text, Files.readAllBytes(db()));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",                                  // no command
            "frobnicate",                        // unknown command
            "info --frobnicate",                 // unknown option
            "info",                              // no database
            "info --db a.db --config c.properties",
            "info --db a.db --user ann",         // credentials for a file
            "info --db jdbc:mysql://localhost/app",
            "info --db postgres://localhost/app",
            "info --config missing.properties",
            "migrate --db"})                     // option without its value
    void badArgumentsAreAUsageErrorInOneLineAndDoNothing(String args) {
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
        CliProcess.Result result = CliProcess.run(Map.of(), dir, argv).exits(Exit.USAGE);
        result.failsWithOneLine("");
        assertTrue(result.err().contains("--") || result.err().contains("give"), result.err());
        assertEquals("", result.out());
        assertFalse(Files.exists(dir.resolve("a.db")));
    }

    @Test
    void aConfigFileNamesTheDatabaseRelativeToItself() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("conf"));
        Files.writeString(conf.resolve("genstore.properties"), "# the app's store\ndb=../data/app.db\n");
        CliProcess.run("migrate", "--config", conf.resolve("genstore.properties").toString()).exits(Exit.OK);
        assertTrue(Files.isRegularFile(dir.resolve("data/app.db")));
        CliProcess.run("info", "--config", conf.resolve("genstore.properties").toString()).exits(Exit.OK);

        Files.writeString(conf.resolve("bad.properties"), "db=app.db\npasword=typo\n");
        CliProcess.run("info", "--config", conf.resolve("bad.properties").toString()).exits(Exit.USAGE)
                .failsWithOneLine("unknown key(s) [pasword]");
    }

    @Test
    void theDatabaseCanComeFromTheEnvironment() {
        CliProcess.run(Map.of("GENSTORE_DB", db().toString()), dir, "migrate").exits(Exit.OK);
        CliProcess.Result info = CliProcess.run(Map.of("GENSTORE_DB", db().toString()), dir, "info").exits(Exit.OK);
        assertTrue(info.out().contains("database: " + db()), info.out());
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        CliProcess.Result help = CliProcess.run("--help").exits(Exit.OK);
        for (String word : new String[] {"migrate", "info", "stats", "Exit codes", "usage error"}) {
            assertTrue(help.out().contains(word), help.out());
        }
        assertTrue(CliProcess.run("--version").exits(Exit.OK).out().startsWith("genstore "));
    }

    private long historyRows() {
        return count("SELECT COUNT(*) FROM genstore_schema_history");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
