package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.blobs.BlobStore;
import dev.genstore.blobs.BlobUrlSigner;
import dev.genstore.errors.GenstoreException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The blob store a backend gives by default (or the one {@link #blobStore()} names): content round-trips, keys are
 * checked so that no hostile name reaches outside the store, a failed put leaves nothing, listings page by key; and the
 * key scheme and signed URLs that every store shares.
 */
public abstract class BlobStoreContract extends StoreContract {

    /** The blob store under test. */
    protected BlobStore blobs() {
        return store.blobs();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private List<BlobInfo> everything() {
        List<BlobInfo> all = new ArrayList<>();
        PageRequest request = PageRequest.first(7);
        while (true) {
            Page<BlobInfo> page = blobs().list("", request);
            all.addAll(page.items());
            if (!page.hasNext()) {
                return all;
            }
            request = page.next(7).orElseThrow();
        }
    }

    @Test
    void contentRoundTripsFromBytesAndStreams() throws IOException {
        BlobStore blobs = blobs();
        BlobInfo put = blobs.put("docs/a.txt", bytes("hello"), "text/plain; charset=utf-8");
        assertEquals(new BlobInfo("docs/a.txt", "text/plain; charset=utf-8", 5), put);
        assertArrayEquals(bytes("hello"), blobs.getBytes("docs/a.txt"));
        try (InputStream in = blobs.get("docs/a.txt")) {
            assertArrayEquals(bytes("hello"), in.readAllBytes());
        }
        assertEquals(Optional.of(put), blobs.info("docs/a.txt"));
        assertTrue(blobs.exists("docs/a.txt"));

        byte[] large = new byte[3 << 20];
        new Random(7).nextBytes(large);
        BlobInfo streamed = blobs.put("images/big.bin", new ByteArrayInputStream(large), "application/octet-stream");
        assertEquals(large.length, streamed.size());
        assertArrayEquals(large, blobs.getBytes("images/big.bin"));
    }

    @Test
    void aPutReplacesTheBlobUnderItsKey() {
        blobs().put("k/v.bin", bytes("first"), "application/octet-stream");
        blobs().put("k/v.bin", bytes("second!"), "image/png");
        assertArrayEquals(bytes("second!"), blobs().getBytes("k/v.bin"));
        assertEquals(Optional.of(new BlobInfo("k/v.bin", "image/png", 7)), blobs().info("k/v.bin"));
        assertEquals(1, everything().size());
    }

    @Test
    void missingBlobsAreNotFoundAndDeletesSayWhetherThereWasOne() {
        assertThrows(NotFoundException.class, () -> blobs().get("no/such.png"));
        assertThrows(NotFoundException.class, () -> blobs().getBytes("no/such.png"));
        assertEquals(Optional.empty(), blobs().info("no/such.png"));
        assertFalse(blobs().exists("no/such.png"));
        assertFalse(blobs().delete("no/such.png"));

        blobs().put("yes/such.png", bytes("x"), "image/png");
        assertTrue(blobs().delete("yes/such.png"));
        assertFalse(blobs().exists("yes/such.png"));
        assertFalse(blobs().delete("yes/such.png"));
        assertEquals(List.of(), everything());
    }

    @Test
    void aStreamThatFailsHalfWayStoresNothing() {
        blobs().put("keep/old.bin", bytes("old content"), "application/octet-stream");
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 100_000) {
                    throw new IOException("connection reset by the uploader");
                }
                return 'x';
            }
        };
        assertThrows(GenstoreException.class, () -> blobs().put("keep/new.bin", failing, "application/octet-stream"));
        assertFalse(blobs().exists("keep/new.bin"));
        InputStream failingAgain = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 50_000) {
                    throw new IOException("gone");
                }
                return 'y';
            }
        };
        assertThrows(GenstoreException.class, () -> blobs().put("keep/old.bin", failingAgain, "application/octet-stream"));
        assertArrayEquals(bytes("old content"), blobs().getBytes("keep/old.bin"), "a failed replace keeps the old blob");
        assertEquals(List.of("keep/old.bin"), everything().stream().map(BlobInfo::key).toList());
    }

    /** A stream that yields {@code before} bytes, then fails. */
    private static InputStream failingAfter(int before) {
        return new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ >= before) {
                    throw new IOException("the uploader went away");
                }
                return '<';
            }
        };
    }

    @Test
    void aFailedPutOverAKeyKeepsItsBytesAndItsContentType() {
        BlobInfo old = blobs().put("keep/photo.png", bytes("png bytes"), "image/png");
        assertThrows(GenstoreException.class, () -> blobs().put("keep/photo.png", failingAfter(70_000), "text/html"));
        assertEquals(Optional.of(old), blobs().info("keep/photo.png"), "old size and old content type");
        assertArrayEquals(bytes("png bytes"), blobs().getBytes("keep/photo.png"));
        assertThrows(GenstoreException.class, () -> blobs().put("keep/photo.png", failingAfter(0), "text/html"));
        assertEquals(Optional.of(old), blobs().info("keep/photo.png"), "a stream failing at once changes nothing either");

        assertThrows(GenstoreException.class, () -> blobs().put("fresh/page.html", failingAfter(10), "text/html"));
        assertEquals(Optional.empty(), blobs().info("fresh/page.html"));
        // A later put of the failed key starts clean: nothing of the failed one shows through.
        assertEquals(new BlobInfo("fresh/page.html", "text/plain", 2), blobs().put("fresh/page.html", bytes("ok"), "text/plain"));
        assertEquals(List.of("fresh/page.html", "keep/photo.png"), everything().stream().map(BlobInfo::key).toList());
    }

    @Test
    void listingsPageByKeyUnderAPrefix() {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            keys.add(String.format("images/u1/%03d-photo.png", i));
        }
        List<String> others = List.of("images/u10/000-x.png", "images/u1-other.png", "images/u0/a.png", "thumbs/u1/a.png",
                "images/u1.txt", "images/u1/sub/deeper/z.png", "images/u1/sub-x.png", "images/u1/sub.png");
        List<String> shuffled = new ArrayList<>(keys);
        shuffled.addAll(others);
        java.util.Collections.shuffle(shuffled, new Random(3));
        for (String key : shuffled) {
            blobs().put(key, bytes(key), "text/plain");
        }
        List<String> expected = new ArrayList<>(keys);
        expected.addAll(List.of("images/u1/sub-x.png", "images/u1/sub.png", "images/u1/sub/deeper/z.png"));
        expected.sort(null);

        List<String> listed = new ArrayList<>();
        PageRequest request = PageRequest.first(5);
        int pages = 0;
        while (true) {
            Page<BlobInfo> page = blobs().list("images/u1/", request);
            pages++;
            assertTrue(page.items().size() <= 5);
            page.items().forEach(info -> {
                listed.add(info.key());
                assertEquals(info.key().length(), info.size());
                assertEquals("text/plain", info.contentType());
            });
            if (!page.hasNext()) {
                break;
            }
            assertEquals(5, page.items().size(), "a page before the last is full");
            request = page.next(5).orElseThrow();
        }
        assertEquals(expected, listed);
        assertEquals(6, pages);

        List<String> all = everything().stream().map(BlobInfo::key).toList();
        List<String> sortedAll = new ArrayList<>(shuffled);
        sortedAll.sort(null);
        assertEquals(sortedAll, all, "the empty prefix lists everything, in key order");

        assertEquals(List.of("images/u1-other.png", "images/u1.txt"),
                keysOf(blobs().list("images/u1", PageRequest.first(100))).stream().filter(k -> !k.startsWith("images/u1/")
                        && !k.startsWith("images/u10/")).toList(), "a prefix may end inside a segment");
        assertEquals(List.of(), keysOf(blobs().list("nothing/", PageRequest.first(10))));
    }

    @Test
    void aCursorContinuesAfterItsKeyWhateverWasAddedMeanwhile() {
        for (String key : List.of("p/b", "p/d", "p/f", "p/h")) {
            blobs().put(key, bytes(key), "text/plain");
        }
        Page<BlobInfo> first = blobs().list("p/", PageRequest.first(2));
        assertEquals(List.of("p/b", "p/d"), keysOf(first));
        blobs().put("p/a", bytes("a"), "text/plain");
        blobs().put("p/e", bytes("e"), "text/plain");
        blobs().delete("p/f");
        Page<BlobInfo> second = blobs().list("p/", first.next(10).orElseThrow());
        assertEquals(List.of("p/e", "p/h"), keysOf(second));
        assertFalse(second.hasNext());
        assertInvalid("cursor", () -> blobs().list("p/", PageRequest.after("not-a-cursor!", 2)));
    }

    private static List<String> keysOf(Page<BlobInfo> page) {
        return page.items().stream().map(BlobInfo::key).toList();
    }

    /** Names an attacker would try, and names no filesystem should see. */
    static final List<String> HOSTILE_KEYS = List.of("../escape.txt", "a/../../escape.txt", "a/..", "..", ".",
            "/etc/passwd", "a//b", "a/./b", "./a", ".hidden", "a/.meta/x", ".tmp/x", "a/b/", "a\\..\\b", "C:/windows/x",
            "c:\\x", "a\u0000b", "line\nbreak", "tab\there", "CON", "a/nul.txt", "com1", "LPT9.png", "a/aux", "ａ/b",
            "%2e%2e/x", "a b", "a:b", "a*b", "a?b", "a|b", "a<b", "\"q\"", "end.", "x".repeat(1025),
            "a/" + "s".repeat(256), "", "é.png");

    @Test
    void hostileKeysAreRefusedAndNothingIsWritten() {
        for (String key : HOSTILE_KEYS) {
            assertAll(key,
                    () -> assertInvalid("key", () -> blobs().put(key, bytes("x"), "text/plain")),
                    () -> assertInvalid("key", () -> blobs().put(key, new ByteArrayInputStream(bytes("x")), "text/plain")),
                    () -> assertInvalid("key", () -> blobs().get(key)),
                    () -> assertInvalid("key", () -> blobs().info(key)),
                    () -> assertInvalid("key", () -> blobs().delete(key)));
        }
        for (String prefix : List.of("../", "a/../", "/", ".meta/", "a\u0000", "a//", "é")) {
            assertInvalid("prefix", () -> blobs().list(prefix, PageRequest.first(5)));
        }
        assertEquals(List.of(), everything());
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertAll(
                () -> assertInvalid("key", () -> blobs().put(null, bytes("x"), "text/plain")),
                () -> assertInvalid("content", () -> blobs().put("a", (byte[]) null, "text/plain")),
                () -> assertInvalid("content", () -> blobs().put("a", (InputStream) null, "text/plain")),
                () -> assertInvalid("contentType", () -> blobs().put("a", bytes("x"), null)),
                () -> assertInvalid("contentType", () -> blobs().put("a", bytes("x"), "png")),
                () -> assertInvalid("contentType", () -> blobs().put("a", bytes("x"), "image/png\r\nX-Evil: 1")),
                () -> assertInvalid("key", () -> blobs().get(null)),
                () -> assertInvalid("key", () -> blobs().exists(null)),
                () -> assertInvalid("prefix", () -> blobs().list(null, PageRequest.first(5))),
                () -> assertInvalid("page", () -> blobs().list("", null)));
        assertEquals(List.of(), everything());
    }

    @Test
    void keysFollowTheSchemeWithSanitizedFileNames() {
        UserId owner = UserId.of(UUID.fromString("0191e3a4-0000-7000-8000-000000000001"));
        Instant at = Instant.ofEpochMilli(1735689200000L);
        String key = BlobKeys.of("images", owner, at, "Landscape Photo.JPG");
        assertEquals("images/0191e3a4-0000-7000-8000-000000000001/1735689200000-landscape-photo.jpg", key);
        assertEquals(Optional.of(at), BlobKeys.timestampOf(key));
        assertEquals("images/0191e3a4-0000-7000-8000-000000000001/", BlobKeys.ownerPrefix("images", owner));

        assertAll(
                () -> assertEquals("etc-passwd", BlobKeys.sanitizeFileName("../../etc/passwd")),
                () -> assertEquals("windows-system32-x.dll", BlobKeys.sanitizeFileName("..\\..\\Windows\\System32\\x.dll")),
                () -> assertEquals("file", BlobKeys.sanitizeFileName("..")),
                () -> assertEquals("file", BlobKeys.sanitizeFileName("")),
                () -> assertEquals("file", BlobKeys.sanitizeFileName(null)),
                () -> assertEquals("file", BlobKeys.sanitizeFileName("\u0000\u0007/\\")),
                () -> assertEquals("a.b", BlobKeys.sanitizeFileName("a....b")),
                () -> assertEquals("_con.txt", BlobKeys.sanitizeFileName("CON.txt")),
                () -> assertEquals("_nul", BlobKeys.sanitizeFileName("nul")),
                () -> assertEquals("_lpt1.png", BlobKeys.sanitizeFileName("lpt1.png")),
                () -> assertEquals("cafe-unicode.jpg", BlobKeys.sanitizeFileName("Café Ünïcode.jpg")),
                () -> assertEquals("bell-and-newline.png", BlobKeys.sanitizeFileName("bell\u0007and\nnewline.png")),
                () -> assertEquals("hidden", BlobKeys.sanitizeFileName(".hidden")),
                () -> assertEquals("trailing", BlobKeys.sanitizeFileName("trailing. . .")),
                () -> assertEquals("my-photo-1.png", BlobKeys.sanitizeFileName("My Photo (1).PNG")));
        String longName = BlobKeys.sanitizeFileName("x".repeat(5000) + ".webp");
        assertEquals(BlobKeys.MAX_FILE_NAME_LENGTH, longName.length());
        assertTrue(longName.endsWith(".webp"), longName);

        List<String> names = new ArrayList<>(HOSTILE_KEYS);
        names.addAll(List.of("\uD83D\uDE00.png", "a/b/c", "...", "-", "CON", "con.", " spaced name .png"));
        for (String name : names) {
            String safe = BlobKeys.sanitizeFileName(name);
            String made = BlobKeys.of("images", owner, at, name);
            assertEquals(BlobKeys.requireValid(made), made, () -> "made from " + Arrays.toString(name.getBytes(StandardCharsets.UTF_8)));
            assertFalse(safe.contains("/") || safe.contains("\\") || safe.contains(".."), safe);
            blobs().put(made, bytes(name), "text/plain");
            assertArrayEquals(bytes(name), blobs().getBytes(made));
        }
        assertInvalid("prefix", () -> BlobKeys.of("../images", owner, at, "x.png"));
        assertInvalid("owner", () -> BlobKeys.of("images", null, at, "x.png"));
    }

    @Test
    void signedUrlsAreRefusedWhenTamperedExpiredOrForAnotherKey() {
        byte[] secret = new byte[32];
        new Random(11).nextBytes(secret);
        BlobUrlSigner signer = BlobUrlSigner.withSecret(secret);
        String key = "images/u1/1735689200000-cat.png";
        Instant expiry = START.plusSeconds(600);
        String token = signer.sign(key, expiry);

        assertTrue(signer.verify(key, token, START));
        assertTrue(signer.verify(key, token, expiry.minusSeconds(1)));
        assertFalse(signer.verify(key, token, expiry), "expired at its expiry");
        assertFalse(signer.verify(key, token, expiry.plusSeconds(3600)));
        assertFalse(signer.verify("images/u1/1735689200000-dog.png", token, START), "another key");

        String[] parts = token.split("\\.");
        String later = (Long.parseLong(parts[0]) + 3600) + "." + parts[1];
        assertFalse(signer.verify(key, later, START.plusSeconds(700)), "a moved expiry breaks the signature");
        char[] sig = parts[1].toCharArray();
        sig[3] = sig[3] == 'A' ? 'B' : 'A';
        assertFalse(signer.verify(key, parts[0] + "." + new String(sig), START), "a changed signature");
        byte[] otherSecret = secret.clone();
        otherSecret[0] ^= 1;
        assertFalse(BlobUrlSigner.withSecret(otherSecret).verify(key, token, START), "another secret");
        for (String malformed : new String[] {"", ".", "abc", parts[0] + ".", "." + parts[1], "+" + token, "0" + token,
                parts[0] + "." + parts[1] + "==!", token + ".x", null}) {
            assertFalse(signer.verify(key, malformed, START), String.valueOf(malformed));
        }
        assertFalse(signer.verify(null, token, START));
        assertFalse(signer.verify("../" + key, token, START));

        String url = signer.signedUrl("https://cdn.example.com/blobs", key, expiry);
        assertEquals("https://cdn.example.com/blobs/" + key + "?token=" + token, url);
        assertNotEquals(token, signer.sign(key, expiry.plusSeconds(1)));
        assertFalse(signer.toString().contains(new String(secret, StandardCharsets.ISO_8859_1)));
        assertInvalid("secret", () -> BlobUrlSigner.withSecret(new byte[31]));
        assertInvalid("secret", () -> BlobUrlSigner.withSecret(null));
        assertInvalid("key", () -> signer.sign("../x", expiry));
        assertInvalid("expiresAt", () -> signer.sign(key, null));
    }

    @Test
    void onlyTheCanonicalSpellingOfATokenVerifies() {
        byte[] secret = new byte[32];
        new Random(12).nextBytes(secret);
        BlobUrlSigner signer = BlobUrlSigner.withSecret(secret, clock);
        String key = "genstore/images/u1/1735689200000-cat.png";
        String token = signer.sign(key, START.plusSeconds(600));
        assertTrue(signer.verify(key, token, START));

        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        String signature = token.substring(token.indexOf('.') + 1);
        assertEquals(43, signature.length(), "32 bytes: the last character carries 2 unused bits");
        int last = alphabet.indexOf(signature.charAt(42));
        for (int unused = 1; unused < 4; unused++) {
            String altered = token.substring(0, token.length() - 1) + alphabet.charAt(last ^ unused);
            assertFalse(signer.verify(key, altered, START), "altered unused bits: " + altered);
        }
        for (String padded : new String[] {token + "=", token + "==", token + "%3D"}) {
            assertFalse(signer.verify(key, padded, START), padded);
        }
        assertFalse(signer.verify(key, token.substring(0, token.length() - 1), START), "a character short");
    }

    @Test
    void aLinkMustExpireAndGoToAnHttpUrl() {
        byte[] secret = new byte[32];
        new Random(13).nextBytes(secret);
        BlobUrlSigner signer = BlobUrlSigner.withSecret(secret, clock);
        String key = "genstore/images/u1/1735689200000-cat.png";
        assertInvalid("expiresAt", () -> signer.sign(key, Instant.MAX));
        assertInvalid("expiresAt", () -> signer.sign(key, START.plus(BlobUrlSigner.MAX_LIFETIME).plusSeconds(1)));
        assertInvalid("expiresAt", () -> signer.sign(key, Instant.MIN));
        assertInvalid("expiresAt", () -> BlobUrlSigner.withSecret(secret).sign(key, Instant.MAX));
        String longest = signer.sign(key, START.plus(BlobUrlSigner.MAX_LIFETIME));
        assertTrue(signer.verify(key, longest, START));

        for (String hostile : new String[] {"javascript:alert(1)//", "JavaScript:alert(1)", "data:text/html,<script>x</script>",
                "file:///etc", "ftp://cdn.example.com/b", "//cdn.example.com/b", "/blobs", "https://", "https://cdn.example.com/b?x=1",
                "https://cdn.example.com/b#top", "https://cdn example.com", " ", null}) {
            assertInvalid("baseUrl", () -> signer.signedUrl(hostile, key, START.plusSeconds(60)));
        }
        assertEquals("http://localhost:8080/b/" + key + "?token=" + signer.sign(key, START.plusSeconds(60)),
                signer.signedUrl("http://localhost:8080/b/", key, START.plusSeconds(60)));
        assertInvalid("clock", () -> BlobUrlSigner.withSecret(secret, null));
    }
}
