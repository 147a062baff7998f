package dev.genstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Page cursors are opaque, typed and tied to their listing. */
class CursorsTest {
    @Test
    void aCursorRoundTripsInItsOwnListing() {
        UUID id = UUID.fromString("0190d2a0-0000-7000-8000-000000000001");
        assertEquals(id, Cursors.decodeUuid("images", Cursors.encode("images", id)));
        assertEquals(42L, Cursors.decodeLong("ledger", Cursors.encode("ledger", 42L)));
        assertEquals("a:b", Cursors.decode("tags", Cursors.encode("tags", "a:b")));
    }

    @Test
    void aCursorOfAnotherListingOrOfTheWrongTypeIsRefused() {
        String images = Cursors.encode("images", UUID.randomUUID());
        assertRefused(() -> Cursors.decode("jobs", images));
        assertRefused(() -> Cursors.decodeLong("images", images));
        assertRefused(() -> Cursors.decodeUuid("ledger", Cursors.encode("ledger", 42L)));
        assertRefused(() -> Cursors.decode("images", "%%%"));
    }

    private static void assertRefused(org.junit.jupiter.api.function.Executable call) {
        assertEquals("cursor", assertThrows(InvalidInputException.class, call).field());
    }
}
