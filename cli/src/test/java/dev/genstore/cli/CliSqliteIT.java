package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.contract.MutableClock;
import dev.genstore.contract.TransferFixtures;
import dev.genstore.sqlite.SqliteStorage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

    @Test
    void verifyMaintenanceAndSizesOnAHealthyStoreThenVerifyNamesTheProblemsPlantedInIt() throws IOException {
        TransferFixtures.Filled filled = fill(db());
        CliProcess.Result healthy = CliProcess.run("verify", "--db", db().toString()).exits(Exit.OK);
        assertTrue(healthy.out().contains("healthy: true"), healthy.out());
        assertTrue(healthy.out().contains("problemCount: 0"), healthy.out());
        assertEquals("", healthy.err());

        CliProcess.Result maintenance = CliProcess.run("maintenance", "--db", db().toString()).exits(Exit.OK);
        assertTrue(maintenance.out().contains("steps.2: analyze"), maintenance.out());
        assertTrue(maintenance.out().contains("wal_checkpoint"), maintenance.out());

        JsonNode sizes = CliProcess.run("stats", "--db", db().toString(), "--json").exits(Exit.OK).json().get("sizes");
        assertTrue(sizes.get("databaseBytes").asLong() > 0, sizes.toString());
        assertTrue(sizes.get("blobBytes").asLong() >= filled.content().length, sizes.toString());
        assertEquals(2, sizes.at("/rows/users").asLong(), sizes.toString());
        assertEquals(filled.ann().toString(), sizes.at("/largestUsers/0/user").asText(), sizes.toString());
        assertEquals(2, sizes.at("/largestUsers/0/images").asLong(), sizes.toString());

        execute("UPDATE token_accounts SET balance = balance + 7");
        Path blob;
        try (Stream<Path> files = Files.walk(dir.resolve("app.db-blobs/genstore/images"))) {
            blob = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.delete(blob);

        CliProcess.Result broken = CliProcess.run("verify", "--db", db().toString(), "--json").exits(Exit.PROBLEMS);
        JsonNode report = broken.json();
        assertFalse(report.get("healthy").asBoolean());
        List<String> checks = new ArrayList<>();
        report.get("problems").forEach(p -> checks.add(p.get("check").asText()));
        assertTrue(checks.contains("ledger"), checks.toString());
        assertTrue(checks.contains("blob-missing"), checks.toString());
        assertEquals(checks.size(), report.get("problemCount").asInt());
        assertEquals(1, broken.err().lines().count(), broken.err());
        assertTrue(broken.err().contains("checks blob-missing, ledger"), broken.err());

        CliProcess.Result text = CliProcess.run("verify", "--db", db().toString()).exits(Exit.PROBLEMS);
        assertTrue(text.out().contains("healthy: false"), text.out());
        assertTrue(text.out().lines().anyMatch(l -> l.matches("problems\\.\\d+\\.check: ledger")), text.out());
    }

    @Test
    void purgeDryRunRemovesNothingAndTheRealRunRemovesWhatItCounted() {
        MutableClock past = new MutableClock(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC);
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(db())).clock(past).build()) {
            store.otp().issue("ann@example.com");
            store.prompts().record("a cat", "sdxl");
            store.prompts().record("a dog", "sdxl");
            past.advance(Duration.ofDays(800));
            store.prompts().record("a bird", "flux");
        }
        String[] purge = {"purge", "--db", db().toString(), "--prompts-unused-since", "2021-06-01", "--json"};

        JsonNode dry = CliProcess.run(concat(purge, "--dry-run")).exits(Exit.OK).json();
        assertTrue(dry.get("dryRun").asBoolean());
        assertEquals(2, dry.at("/removed/unused-prompts").asLong(), dry.toString());
        assertEquals(1, dry.at("/removed/one-time-passwords").asLong(), dry.toString());
        assertTrue(dry.at("/removed/archived-jobs").isMissingNode(), "no age given: archived jobs are not purged");
        assertEquals(3, dry.get("total").asLong());
        assertEquals(3, count("SELECT COUNT(*) FROM prompts"), "the dry run removed prompts");
        assertEquals(1, count("SELECT COUNT(*) FROM otp_challenges"), "the dry run removed challenges");

        JsonNode real = CliProcess.run(purge).exits(Exit.OK).json();
        assertFalse(real.get("dryRun").asBoolean());
        assertEquals(dry.get("removed"), real.get("removed"));
        assertEquals(1, count("SELECT COUNT(*) FROM prompts"));
        assertEquals(0, count("SELECT COUNT(*) FROM otp_challenges"));

        CliProcess.Result again = CliProcess.run("purge", "--db", db().toString()).exits(Exit.OK);
        assertTrue(again.out().contains("removed.one-time-passwords: 0"), again.out());
        assertTrue(again.out().contains("total: 0"), again.out());
        assertFalse(again.out().contains("unused-prompts"), "prompts are purged only when a date is given");
    }

    @Test
    void anExportImportsIntoANewFileAndATamperedOneIsRefusedLeavingTheTargetEmpty() throws IOException {
        fill(db());
        Path export = dir.resolve("export");
        JsonNode exported = CliProcess.run("export", "--db", db().toString(), export.toString(), "--json")
                .exits(Exit.OK).json();
        assertEquals(2, exported.at("/tables/users").asLong(), exported.toString());
        assertTrue(exported.get("blobs").asLong() >= 3, exported.toString());
        CliProcess.run("export", "--db", db().toString(), export.toString()).exits(Exit.FAILED)
                .failsWithOneLine("is not empty: give a new or empty directory for the export");

        Path copy = dir.resolve("copy.db");
        JsonNode imported = CliProcess.run("import", "--db", copy.toString(), export.toString(), "--json")
                .exits(Exit.OK).json();
        assertEquals(exported.get("tables"), imported.get("tables"));
        assertEquals(exported.get("blobs"), imported.get("blobs"));
        assertEquals(contents(db()), contents(copy));

        Path tampered = dir.resolve("tampered");
        copyTree(export, tampered);
        Path users = tampered.resolve("tables/users.jsonl");
        Files.writeString(users, Files.readString(users).replace("bob@example.com", "eve@example.com"));
        Path target = dir.resolve("target.db");
        CliProcess.run("import", "--db", target.toString(), tampered.toString()).exits(Exit.FAILED)
                .failsWithOneLine("users.jsonl has SHA-256");
        CliProcess.Result info = CliProcess.run("info", "--db", target.toString(), "--json").exits(Exit.OK);
        info.json().get("rows").fields().forEachRemaining(rows -> assertTrue(rows.getKey().startsWith("prompts_fts")
                || rows.getValue().asLong() == (rows.getKey().equals("cache_counters") ? 1 : 0), info.out()));

        Path missing = dir.resolve("nowhere.db");
        CliProcess.run("import", "--db", missing.toString(), dir.resolve("no-export").toString()).exits(Exit.FAILED)
                .failsWithOneLine("no export at");
        assertFalse(Files.exists(missing), "a refused import created the database");
    }

    @Test
    void aBackupRestoresAndACorruptedOneIsRefusedLeavingTheStoreByteForByte() throws IOException {
        fill(db());
        Path backup = dir.resolve("backup");
        JsonNode made = CliProcess.run("backup", "--db", db().toString(), backup.toString(), "--json").exits(Exit.OK).json();
        assertTrue(made.get("databaseBytes").asLong() > 0, made.toString());
        assertTrue(made.get("blobs").asLong() >= 3, made.toString());
        CliProcess.run("backup", "--db", db().toString(), backup.toString()).exits(Exit.FAILED)
                .failsWithOneLine("is not empty");

        try (Genstore store = Genstore.open(SqliteStorage.file(db()))) {
            store.accounts().create(NewUser.withEmail("carol@example.com"));
        }
        assertEquals(3, count("SELECT COUNT(*) FROM users"));
        CliProcess.run("restore", "--db", db().toString(), backup.toString()).exits(Exit.OK);
        assertEquals(2, count("SELECT COUNT(*) FROM users"));
        CliProcess.run("verify", "--db", db().toString()).exits(Exit.OK);

        byte[] database = Files.readAllBytes(db());
        Path copy = backup.resolve("genstore.db");
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(copy, bytes);
        CliProcess.run("restore", "--db", db().toString(), backup.toString()).exits(Exit.FAILED)
                .failsWithOneLine("the backup in " + backup + " was refused");
        assertArrayEquals(database, Files.readAllBytes(db()), "a refused restore changed the database file");

        CliProcess.run("backup", "--db", "jdbc:postgresql://127.0.0.1:1/app", dir.resolve("pg").toString())
                .exits(Exit.USAGE).failsWithOneLine("use pg_dump, or `genstore export DIR`");
        CliProcess.run("restore", "--db", "jdbc:postgresql://127.0.0.1:1/app", backup.toString())
                .exits(Exit.USAGE).failsWithOneLine("use pg_restore");
        assertFalse(Files.exists(dir.resolve("pg")));
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
            "migrate --db",                      // option without its value
            "copy --from a.db --to a.db",
            "copy --from a.db",
            "backup --db a.db",                  // no directory
            "purge --db a.db --archived-jobs-older-than 3x",
            "purge --db a.db --prompts-unused-since yesterday",
            "purge --db a.db --keep-orphan-blobs --orphan-blobs-older-than 2h"})
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
        for (String word : new String[] {"migrate", "info", "stats", "verify", "maintenance", "purge", "export", "import",
                "copy", "backup", "restore", "Exit codes", "usage error"}) {
            assertTrue(help.out().contains(word), help.out());
        }
        assertTrue(CliProcess.run("--version").exits(Exit.OK).out().startsWith("genstore "));
        // Every usage error ends "see `genstore <command> --help`": that must work.
        CliProcess.Result purge = CliProcess.run("purge", "--help").exits(Exit.OK);
        assertTrue(purge.out().contains("--prompts-unused-since"), purge.out());
    }

    private static TransferFixtures.Filled fill(Path file) {
        MutableClock clock = new MutableClock(Instant.now(), ZoneOffset.UTC);
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(file)).clock(clock).build()) {
            return TransferFixtures.fill(store, clock);
        }
    }

    private Map<String, List<String>> contents(Path file) {
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            return TransferFixtures.contents(store, dir);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
            }
        }
    }

    private static String[] concat(String[] args, String... more) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
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
