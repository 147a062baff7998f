package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocationTest {
    @TempDir
    Path dir;

    @Test
    void aPathOrASqliteUrlIsAFileResolvedAgainstTheBase() {
        Location plain = Location.parse("data/app.db", null, null, dir);
        assertTrue(plain.isSqlite());
        assertEquals(dir.resolve("data/app.db").toAbsolutePath(), plain.file());
        assertEquals(plain.file(), Location.parse("jdbc:sqlite:data/app.db", null, null, dir).file());
        assertEquals(Path.of("/srv/app.db"), Location.parse("/srv/app.db", null, null, dir).file());
    }

    @Test
    void aPostgresUrlIsNeverShownWithItsPassword() {
        Location pg = Location.parse("jdbc:postgresql://db:5432/app?user=app&password=s3cret&ssl=true", null, null, dir);
        assertFalse(pg.isSqlite());
        assertEquals("jdbc:postgresql://db:5432/app?user=app&password=***&ssl=true", pg.describe());
        assertFalse(pg.toString().contains("s3cret"));
        assertEquals("jdbc:postgresql://app:***@db/app", Location.redact("jdbc:postgresql://app:s3cret@db/app"));
    }

    @Test
    void otherUrlsAndCredentialsForAFileAreUsageErrors() {
        for (String bad : new String[] {"jdbc:mysql://db/app", "postgresql://db/app", " "}) {
            CliFailure failure = assertThrows(CliFailure.class, () -> Location.parse(bad, null, null, dir));
            assertEquals(Exit.USAGE, failure.exitCode(), bad);
        }
        assertEquals(Exit.USAGE, assertThrows(CliFailure.class, () -> Location.parse("app.db", "ann", null, dir)).exitCode());
    }

    @Test
    void aConfigFileResolvesAgainstItsDirectoryAndCommandLineCredentialsWin() throws IOException {
        Path conf = Files.createDirectories(dir.resolve("etc")).resolve("genstore.properties");
        Files.writeString(conf, "db=../app.db\n");
        assertEquals(dir.resolve("app.db").toAbsolutePath().normalize(), Location.fromConfig(conf, null, null).file());

        Files.writeString(conf, "db=jdbc:postgresql://db/app\nuser=app\npassword=from-file\n");
        assertFalse(Location.fromConfig(conf, "other", "from-cli").isSqlite());

        Files.writeString(conf, "user=app\n");
        CliFailure noDb = assertThrows(CliFailure.class, () -> Location.fromConfig(conf, null, null));
        assertTrue(noDb.getMessage().contains("has no db"), noDb.getMessage());
        assertEquals(Exit.USAGE, noDb.exitCode());
    }

    @Test
    void aMissingFileOrADirectoryIsNotADatabase() throws IOException {
        Location missing = Location.parse("nope.db", null, null, dir);
        CliFailure failure = assertThrows(CliFailure.class, missing::requireExisting);
        assertEquals("no database at " + dir.resolve("nope.db").toAbsolutePath()
                + "; check the path or run `genstore migrate` to create one", failure.getMessage());
        assertEquals(Exit.FAILED, failure.exitCode());

        Files.createDirectories(dir.resolve("d.db"));
        assertTrue(assertThrows(CliFailure.class, Location.parse("d.db", null, null, dir)::requireExisting)
                .getMessage().contains("is a directory"));
    }
}
