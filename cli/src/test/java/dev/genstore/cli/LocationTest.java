package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
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
        assertEquals(dir.resolve("app.db").toAbsolutePath().normalize(), Location.fromConfig(conf, null, null, null, Map.of()).file());

        Files.writeString(conf, "db=jdbc:postgresql://db/app\nuser=app\npassword=from-file\n");
        assertFalse(Location.fromConfig(conf, "other", "from-cli", null, Map.of()).isSqlite());

        Files.writeString(conf, "user=app\n");
        CliFailure noDb = assertThrows(CliFailure.class, () -> Location.fromConfig(conf, null, null, null, Map.of()));
        assertTrue(noDb.getMessage().contains("has no db"), noDb.getMessage());
        assertEquals(Exit.USAGE, noDb.exitCode());
    }

    @Test
    void blobsInABucketTakeTheirSettingsFromTheConfigFileOverTheEnvironmentAndNeverShowTheSecret() throws IOException {
        Path conf = dir.resolve("s3.properties");
        Files.writeString(conf, "db=app.db\nblobs=s3://media/apps/studio/\ns3.endpoint=http://minio:9000\n"
                + "s3.path-style=true\ns3.access-key-id=AKIA1\ns3.secret-access-key=very-secret\n");
        Location location = Location.fromConfig(conf, null, null, null,
                Map.of("GENSTORE_S3_ENDPOINT", "http://elsewhere:1", "AWS_REGION", "eu-west-1"));
        assertEquals("s3://media/apps/studio at http://minio:9000", location.blobs().describe());
        try (var store = location.blobs().open()) {
            assertEquals("media", store.bucket());
            assertEquals("apps/studio/", store.keyPrefix());
            assertFalse(store.toString().contains("very-secret"));
        }

        Location fromCli = Location.fromConfig(conf, null, null, "s3://other", Map.of());
        assertEquals("s3://other at http://minio:9000", fromCli.blobs().describe());

        for (String bad : new String[] {"media", "file:///tmp/blobs", "s3://"}) {
            CliFailure failure = assertThrows(CliFailure.class, () -> BlobLocation.parse(bad, Map.of(), Map.of()));
            assertEquals(Exit.USAGE, failure.exitCode(), bad);
        }
        CliFailure badBucket = assertThrows(CliFailure.class,
                () -> BlobLocation.parse("s3://No_Such", Map.of(), Map.of()).open());
        assertTrue(badBucket.getMessage().contains("bucket"), badBucket.getMessage());
        CliFailure noSecret = assertThrows(CliFailure.class,
                () -> BlobLocation.parse("s3://media", Map.of(), Map.of("AWS_ACCESS_KEY_ID", "AKIA1")).open());
        assertTrue(noSecret.getMessage().contains("secretAccessKey"), noSecret.getMessage());
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
