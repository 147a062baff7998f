package dev.genstore.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.auth.IssuedCode;
import dev.genstore.auth.OtpRejectedException;
import dev.genstore.images.Image;
import dev.genstore.images.NewImage;
import dev.genstore.images.VariantKind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TestStoresTest {
    @Test
    void aMemoryStoreIsFreshAndWorks() {
        try (Genstore first = TestStores.memory(); Genstore second = TestStores.memory()) {
            User ann = first.accounts().create(NewUser.withEmail("ann@example.com"));
            assertEquals(ann, first.accounts().get(ann.id()));
            assertTrue(second.accounts().findByEmail("ann@example.com").isEmpty(), "each store is its own database");
            assertEquals("memory", first.backend());
        }
    }

    @Test
    void aStoreOnASettableClockExpiresWhenTheTestSays() {
        SettableClock clock = SettableClock.fixed();
        try (Genstore store = TestStores.memory(clock)) {
            User ann = store.accounts().create(NewUser.withEmail("ann@example.com"));
            assertEquals(clock.instantMicros(), ann.createdAt());
            IssuedCode code = store.otp().issue("ann@example.com");
            clock.advance(Duration.ofDays(1));
            assertThrows(OtpRejectedException.class, () -> store.otp().verify("ann@example.com", code.code()),
                    "a day later the code has expired");
        }
    }

    @Test
    void fixturesGiveAUserWithTokensAndAValidPng() {
        try (Genstore store = TestStores.memory(b -> b.clock(SettableClock.fixed()))) {
            User ann = Fixtures.userWithTokens(store, "ann@example.com", 50);
            assertEquals(50, store.ledger().account(ann.id()).balance());
            User bob = Fixtures.userWithTokens(store, "bob@example.com", 0);
            assertEquals(0, store.ledger().account(bob.id()).balance());

            Image image = store.images().store(NewImage.uploaded(ann.id(), "tiny.png"), Fixtures.tinyPng());
            assertEquals(2, image.content().width());
            assertEquals("png", image.content().format());
            assertTrue(image.variants().stream().anyMatch(v -> v.kind() == VariantKind.THUMBNAIL));
            assertTrue(Fixtures.tinyPng().length < 200, "tiny");
            assertEquals(640, store.images().store(NewImage.uploaded(ann.id(), "p.png"), Fixtures.png(640, 480))
                    .content().width());
        }
    }
}
