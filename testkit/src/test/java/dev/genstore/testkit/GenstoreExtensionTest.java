package dev.genstore.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.StoreClosedException;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GenstoreExtensionTest {
    @RegisterExtension
    final GenstoreExtension genstore = GenstoreExtension.memory();

    private static Genstore previous;

    @Test
    @Order(1)
    void eachTestGetsAStoreOnASettableClock() {
        Genstore store = genstore.store();
        User ann = Fixtures.userWithTokens(store, "ann@example.com", 100);
        assertEquals(SettableClock.DEFAULT_START, ann.createdAt());
        store.ledger().hold(ann.id(), 30, "GENERATION", "job-1", Duration.ofMinutes(15));
        assertThrows(InsufficientBalanceException.class, () -> store.ledger().debit(ann.id(), 100, "UPSCALE", "u-1"),
                "30 of the 100 are held");

        genstore.clock().advance(Duration.ofMinutes(16));
        store.ledger().debit(ann.id(), 100, "UPSCALE", "u-1"); // the hold expired on the test's clock
        assertEquals(0, store.ledger().account(ann.id()).balance());
        previous = store;
    }

    @Test
    @Order(2)
    void theNextTestStartsEmptyAndThePreviousStoreIsClosed() {
        assertTrue(genstore.store().accounts().findByEmail("ann@example.com").isEmpty());
        assertEquals(SettableClock.DEFAULT_START, genstore.clock().instant(), "a new clock too");
        if (previous != null) {
            assertThrows(RuntimeException.class, () -> previous.accounts().create(NewUser.withEmail("x@example.com")),
                    "the previous test's store was closed");
        }
    }

    @Test
    void outsideATestThereIsNoStore() {
        GenstoreExtension unused = GenstoreExtension.memory();
        StoreClosedException e = assertThrows(StoreClosedException.class, unused::store);
        assertTrue(e.getMessage().contains("@RegisterExtension"), e.getMessage());
    }
}
