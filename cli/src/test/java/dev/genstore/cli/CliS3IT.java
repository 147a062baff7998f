package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genstore.Genstore;
import dev.genstore.contract.MutableClock;
import dev.genstore.contract.TransferFixtures;
import dev.genstore.postgres.PostgresStorage;
import dev.genstore.postgres.TestPostgres;
import dev.genstore.s3.S3BlobStore;
import dev.genstore.s3.TestS3;
import dev.genstore.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --blobs s3://…} from the shaded jar, against the test JVM's S3 server and embedded PostgreSQL. */
class CliS3IT {
    private static Map<String, String> s3Environment(String secret) {
        return Map.of("GENSTORE_S3_ENDPOINT", TestS3.endpoint().toString(), "GENSTORE_S3_PATH_STYLE", "true",
                "AWS_ACCESS_KEY_ID", TestS3.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", secret);
    }

    @Test
    void copyMovesSqliteAndADirectoryIntoPostgresAndS3AndVerifiesEveryBlob(@TempDir Path dir) {
        Path file = dir.resolve("app.db");
        MutableClock clock = new MutableClock(Instant.now(), ZoneOffset.UTC);
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(file)).clock(clock).build()) {
            TransferFixtures.fill(store, clock);
        }
        String url = TestPostgres.freshSchemaUrl();
        String prefix = TestS3.freshPrefix();
        String blobs = "s3://" + TestS3.BUCKET + "/" + prefix;
        Map<String, String> env = s3Environment(TestS3.SECRET_KEY);

        CliProcess.Result copy = CliProcess.run(env, null, "copy", "--from", file.toString(), "--to", url,
                "--to-blobs", blobs, "--json").exits(Exit.OK);
        JsonNode report = copy.json();
        assertEquals(blobs + " at " + TestS3.endpoint(), report.get("toBlobs").asText());
        assertTrue(report.get("blobs").asLong() >= 3, report.toString());
        assertFalse(copy.out().contains(TestS3.SECRET_KEY) || copy.err().contains(TestS3.SECRET_KEY), "secret echoed");

        CliProcess.run(env, null, "verify", "--db", url, "--blobs", blobs).exits(Exit.OK);
        Map<String, List<String>> source;
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            source = TransferFixtures.contents(store, dir);
        }
        try (S3BlobStore s3 = TestS3.settings().keyPrefix(prefix).build();
             Genstore store = Genstore.builder().storage(PostgresStorage.of(url)).blobStore(s3).build();
             Genstore sqlite = Genstore.open(SqliteStorage.file(file))) {
            assertEquals(source, TransferFixtures.contents(store, dir));
            String key = sqlite.blobs().list("", dev.genstore.paging.PageRequest.first(1)).items().get(0).key();
            assertArrayEquals(sqlite.blobs().getBytes(key), s3.getBytes(key));
        }

        CliProcess.Result denied = CliProcess.run(s3Environment("a-wrong-secret-1234"), null,
                "verify", "--db", url, "--blobs", blobs).exits(Exit.FAILED).failsWithOneLine("access denied");
        assertFalse(denied.err().contains("a-wrong-secret-1234"), denied.err());
    }
}
