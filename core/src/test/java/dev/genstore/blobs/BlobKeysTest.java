package dev.genstore.blobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The key scheme and its checks, without any store. */
class BlobKeysTest {
    private static final UserId ANN = new UserId(UUID.fromString("0190d2a0-0000-7000-8000-000000000001"));

    @Test
    void aKeyIsPrefixOwnerMillisAndTheSanitizedName() {
        String key = BlobKeys.of("genstore/images", ANN, Instant.ofEpochMilli(1_700_000_000_123L), "My Photo.PNG");
        assertEquals("genstore/images/" + ANN + "/1700000000123-my-photo.png", key);
        assertEquals(Optional.of(Instant.ofEpochMilli(1_700_000_000_123L)), BlobKeys.timestampOf(key));
        assertTrue(key.startsWith(BlobKeys.ownerPrefix("genstore/images", ANN)));
        assertTrue(BlobKeys.isGenstoreKey(key));
        assertFalse(BlobKeys.isGenstoreKey("app/" + key));
        assertFalse(BlobKeys.isGenstoreKey(null));
    }

    @Test
    void aKeyOutsideTheSchemeHasNoTimestamp() {
        assertEquals(Optional.empty(), BlobKeys.timestampOf("images/photo.png"));
        assertEquals(Optional.empty(), BlobKeys.timestampOf("images/12345678901234567890-x.png"));
        assertEquals(Optional.empty(), BlobKeys.timestampOf("images/abc-x.png"));
        assertEquals(Optional.empty(), BlobKeys.timestampOf(null));
    }

    @Test
    void fileNamesLoseEverythingThatCouldEscapeOrConfuse() {
        assertEquals("etc-passwd", BlobKeys.sanitizeFileName("../../etc/passwd"));
        assertEquals("cafe-creme.jpg", BlobKeys.sanitizeFileName("Café Crème.jpg"));
        assertEquals("a.b", BlobKeys.sanitizeFileName("a.-.b"));
        assertEquals("_con.txt", BlobKeys.sanitizeFileName("CON.txt"));
        assertEquals("file", BlobKeys.sanitizeFileName("..."));
        assertEquals("file", BlobKeys.sanitizeFileName(null));
        String longName = BlobKeys.sanitizeFileName("x".repeat(500) + ".webp");
        assertEquals(BlobKeys.MAX_FILE_NAME_LENGTH, longName.length());
        assertTrue(longName.endsWith(".webp"));
    }

    @Test
    void invalidKeysPrefixesAndContentTypesAreRefusedNamingTheField() {
        for (String key : new String[] {"", "/a", "a/", "a//b", "a/../b", "a/.hidden", "a/b c", "nul/x", "x".repeat(1025)}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> BlobKeys.requireValid(key), key);
            assertEquals("key", e.field());
        }
        assertEquals("a/b-1.png", BlobKeys.requireValid("a/b-1.png"));
        assertEquals("", BlobKeys.requireValidPrefix(""));
        assertEquals("genstore/im", BlobKeys.requireValidPrefix("genstore/im"));
        assertEquals("prefix", assertThrows(InvalidInputException.class, () -> BlobKeys.requireValidPrefix("a/..")).field());
        assertEquals("prefix", assertThrows(InvalidInputException.class,
                () -> BlobKeys.of("a//b", ANN, Instant.EPOCH, "x")).field());
        assertEquals("text/plain; charset=utf-8", BlobKeys.requireValidContentType("text/plain; charset=utf-8"));
        assertEquals("contentType", assertThrows(InvalidInputException.class,
                () -> BlobKeys.requireValidContentType("png")).field());
    }

    @Test
    void aCursorRoundTripsAndAForeignOneIsRefused() {
        assertEquals("a/b.png", BlobKeys.decodeCursor(BlobKeys.encodeCursor("a/b.png")));
        assertEquals("cursor", assertThrows(InvalidInputException.class, () -> BlobKeys.decodeCursor("not base64!")).field());
        assertEquals("cursor", assertThrows(InvalidInputException.class, () -> BlobKeys.decodeCursor("YWJj")).field());
    }
}
