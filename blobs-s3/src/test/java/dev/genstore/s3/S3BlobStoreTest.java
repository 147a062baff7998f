package dev.genstore.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import dev.genstore.paging.PageRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What {@link S3BlobStore} promises beyond the blob-store contract, against the real S3 server of the test JVM:
 * presigned URLs checked by the server, multipart uploads, and failures (the server gone mid-upload, refusals).
 */
class S3BlobStoreTest {
    private static final int PART = S3BlobStore.Builder.MIN_PART_SIZE;
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aPresignedGetWorksUntilTamperedOrExpired() throws Exception {
        try (S3BlobStore store = TestS3.freshStore()) {
            store.put("shared/cat.png", bytes(1000, 1), "image/png");
            URI url = store.presignedGet("shared/cat.png", Duration.ofMinutes(5));

            HttpResponse<byte[]> ok = fetch(HttpRequest.newBuilder(url).GET());
            assertEquals(200, ok.statusCode());
            assertArrayEquals(bytes(1000, 1), ok.body());

            URI otherKey = URI.create(url.toString().replace("cat.png", "dog.png"));
            assertEquals(403, fetch(HttpRequest.newBuilder(otherKey).GET()).statusCode(), "signature names the key");
            String query = url.getRawQuery();
            String signature = query.replaceAll(".*X-Amz-Signature=([0-9a-f]+).*", "$1");
            String flipped = (signature.charAt(0) == '0' ? "1" : "0") + signature.substring(1);
            URI tampered = URI.create(url.toString().replace(signature, flipped));
            assertEquals(403, fetch(HttpRequest.newBuilder(tampered).GET()).statusCode(), "tampered signature");
            URI longer = URI.create(url.toString().replace("X-Amz-Expires=300", "X-Amz-Expires=600"));
            assertEquals(403, fetch(HttpRequest.newBuilder(longer).GET()).statusCode(), "expiry is signed");

            URI shortLived = store.presignedGet("shared/cat.png", Duration.ofSeconds(1));
            // SigV4 dates have whole seconds: two seconds on, the URL's time is over whenever it was signed.
            Thread.sleep(2_100);
            assertEquals(403, fetch(HttpRequest.newBuilder(shortLived).GET()).statusCode(), "expired URL");
        }
    }

    @Test
    void aPresignedPutLetsABrowserUploadDirectly() throws Exception {
        try (S3BlobStore store = TestS3.freshStore()) {
            URI url = store.presignedPut("uploads/u1/photo.jpg", "image/jpeg", Duration.ofMinutes(5));
            HttpResponse<byte[]> put = fetch(HttpRequest.newBuilder(url).header("Content-Type", "image/jpeg")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(2048, 2))));
            assertEquals(200, put.statusCode());
            assertArrayEquals(bytes(2048, 2), store.getBytes("uploads/u1/photo.jpg"));
            assertEquals(Optional.of(new BlobInfo("uploads/u1/photo.jpg", "image/jpeg", 2048)),
                    store.info("uploads/u1/photo.jpg"));

            HttpResponse<byte[]> wrongType = fetch(HttpRequest.newBuilder(url).header("Content-Type", "text/html")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes(10, 3))));
            assertEquals(403, wrongType.statusCode(), "the content type is signed");
            assertArrayEquals(bytes(2048, 2), store.getBytes("uploads/u1/photo.jpg"));
        }
    }

    @Test
    void aStreamLargerThanOnePartGoesUpInPartsAndReadsBackByteExact() throws Exception {
        byte[] content = bytes(2 * PART + 12_345, 4);
        try (FaultRelay relay = new FaultRelay(TestS3.endpoint(), Long.MAX_VALUE);
             S3BlobStore store = TestS3.settings(relay.uri()).partSize(PART).build()) {
            BlobInfo info = store.put("big/video.bin", new OddSizedReads(content), "video/mp4");

            assertEquals(new BlobInfo("big/video.bin", "video/mp4", content.length), info);
            long parts = relay.requestLines().stream().filter(line -> line.contains("partNumber=")).count();
            assertEquals(3, parts, relay.requestLines().toString());
            try (InputStream in = store.get("big/video.bin")) {
                assertArrayEquals(sha256(content), sha256(in.readAllBytes()));
            }
            assertEquals(Optional.of(info), store.info("big/video.bin"));
        }
    }

    @Test
    void theServerGoneMidMultipartUploadIsRetryableAndLeavesNoObject() throws Exception {
        String prefix = TestS3.freshPrefix();
        try (FaultRelay relay = new FaultRelay(TestS3.endpoint(), PART + PART / 2);
             S3BlobStore cut = TestS3.settings(relay.uri()).keyPrefix(prefix).partSize(PART).maxAttempts(2)
                     .timeout(Duration.ofSeconds(20)).build();
             S3BlobStore direct = TestS3.settings().keyPrefix(prefix).build()) {
            StorageException e = assertThrows(StorageException.class,
                    () -> cut.put("big/movie.bin", new ByteArrayInputStream(bytes(3 * PART, 5)), "video/mp4"));

            assertTrue(relay.stopped());
            assertTrue(e.retryable(), e.getMessage());
            assertFalse(direct.exists("big/movie.bin"), "no half object");
            assertEquals(List.of(), direct.list("", PageRequest.first(10)).items());
        }
    }

    @Test
    void theServerGoneMidPutKeepsTheOldObject() throws Exception {
        String prefix = TestS3.freshPrefix();
        try (S3BlobStore direct = TestS3.settings().keyPrefix(prefix).build();
             FaultRelay relay = new FaultRelay(TestS3.endpoint(), 100_000);
             S3BlobStore cut = TestS3.settings(relay.uri()).keyPrefix(prefix).maxAttempts(2).build()) {
            direct.put("doc.bin", bytes(10, 6), "application/octet-stream");

            StorageException e = assertThrows(StorageException.class,
                    () -> cut.put("doc.bin", bytes(1_000_000, 7), "application/octet-stream"));

            assertTrue(e.retryable(), e.getMessage());
            assertArrayEquals(bytes(10, 6), direct.getBytes("doc.bin"));
            StorageException unreachable = assertThrows(StorageException.class, () -> cut.info("doc.bin"));
            assertTrue(unreachable.retryable(), unreachable.getMessage());
        }
    }

    @Test
    void refusalsAreNotRetryableAndNeverShowTheSecret() {
        try (S3BlobStore wrongSecret = TestS3.settings().credentials(TestS3.ACCESS_KEY, "not-the-secret-at-all").build();
             S3BlobStore noBucket = S3BlobStore.builder().endpoint(TestS3.endpoint()).region(TestS3.REGION)
                     .bucket("no-such-bucket").credentials(TestS3.ACCESS_KEY, TestS3.SECRET_KEY).pathStyle(true)
                     .maxAttempts(1).build()) {
            StorageException denied = assertThrows(StorageException.class,
                    () -> wrongSecret.put("a.bin", bytes(3, 8), "application/octet-stream"));
            assertFalse(denied.retryable());
            assertTrue(denied.getMessage().contains("403"), denied.getMessage());
            assertFalse(denied.getMessage().contains("not-the-secret-at-all"));

            StorageException missing = assertThrows(StorageException.class,
                    () -> noBucket.put("a.bin", bytes(3, 8), "application/octet-stream"));
            assertFalse(missing.retryable());
            assertTrue(missing.getMessage().contains("bucket does not exist"), missing.getMessage());
        }
    }

    @Test
    void objectsAreTheKeysUnderTheConfiguredPrefix() {
        String prefix = TestS3.freshPrefix();
        try (S3BlobStore store = TestS3.settings().keyPrefix(prefix + "/app").build();
             S3Client bare = TestS3.client(TestS3.endpoint())) {
            store.put("any/key.txt", bytes(4, 9), "text/plain");
            bare.putObject(b -> b.bucket(TestS3.BUCKET).key(prefix + "/other/x.txt"),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes(1, 1)));

            assertEquals(prefix + "/app/", store.keyPrefix());
            assertArrayEquals(bytes(4, 9), bare.getObjectAsBytes(b -> b.bucket(TestS3.BUCKET)
                    .key(prefix + "/app/any/key.txt")).asByteArray());
            assertEquals(List.of("any/key.txt"), store.list("", PageRequest.first(10)).items().stream()
                    .map(BlobInfo::key).toList(), "objects outside the prefix are not the store's");
        }
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertInvalid("bucket", () -> S3BlobStore.builder().bucket("Not_A_Bucket"));
        assertInvalid("region", () -> S3BlobStore.builder().region("EU WEST"));
        assertInvalid("endpoint", () -> S3BlobStore.builder().endpoint(URI.create("ftp://host")));
        assertInvalid("partSize", () -> S3BlobStore.builder().partSize(1024));
        assertInvalid("maxAttempts", () -> S3BlobStore.builder().maxAttempts(0));
        assertInvalid("secretAccessKey", () -> S3BlobStore.builder().credentials("id", " "));
        assertInvalid("bucket", () -> S3BlobStore.builder().region("auto").build());
        assertInvalid("region", () -> S3BlobStore.builder().bucket("b-1").build());
        try (S3BlobStore store = TestS3.freshStore()) {
            assertInvalid("expiry", () -> store.presignedGet("a.png", Duration.ofDays(8)));
            assertInvalid("expiry", () -> store.presignedGet("a.png", Duration.ZERO));
            assertInvalid("contentType", () -> store.presignedPut("a.png", "not a type", Duration.ofMinutes(1)));
            assertInvalid("key", () -> store.presignedGet("../etc/passwd", Duration.ofMinutes(1)));
        }
    }

    private static void assertInvalid(String field, org.junit.jupiter.api.function.Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals(field, e.field(), e.getMessage());
    }

    private HttpResponse<byte[]> fetch(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] bytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    /** A stream of unknown length whose reads come in odd sizes, as from a network socket. */
    private static final class OddSizedReads extends InputStream {
        private final byte[] content;
        private int position;

        OddSizedReads(byte[] content) {
            this.content = content;
        }

        @Override
        public int read() {
            return position < content.length ? content[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position >= content.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, 7_777), content.length - position);
            System.arraycopy(content, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
