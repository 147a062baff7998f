package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.auth.OtpRejectedException;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** {@code Genstore.transaction}: work across services commits together or not at all; exceptions pass through. */
public abstract class TransactionContract extends StoreContract {

    /** A store's view from another thread, outside the transaction the calling thread may be in. */
    private static <T> T fromAnotherThread(Supplier<T> read) {
        try {
            return CompletableFuture.supplyAsync(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading from another thread failed", e);
        }
    }

    /** Throws {@code t} although it may be checked, as Kotlin or Lombok's {@code @SneakyThrows} code can. */
    @SuppressWarnings("unchecked")
    private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void workAcrossServicesCommitsTogether() {
        UserId bob = userWithTokens("bob@example.com", 50);

        User ann = store.transaction(tx -> {
            User created = tx.accounts().create(NewUser.withEmail("ann@example.com").roles("creator"));
            tx.ledger().credit(created.id(), 100, "SIGNUP_BONUS", "signup");
            tx.ledger().debit(created.id(), 30, "GENERATION", "job-1");
            tx.ledger().hold(created.id(), 20, "GENERATION", "job-2");
            tx.ledger().debit(bob, 10, "GENERATION", "bob-job");
            tx.accounts().addRole(bob, "reviewer");
            return created;
        });

        assertEquals(Optional.of("ann@example.com"), store.accounts().find(ann.id()).map(User::email));
        assertEquals(Optional.of(ann.id()), fromAnotherThread(() -> store.accounts().findByEmail("ann@example.com")).map(User::id));
        TokenAccount account = store.ledger().account(ann.id());
        assertEquals(70, account.balance());
        assertEquals(20, account.held());
        assertEquals(2, fullHistory(ann.id()).size());
        assertEquals(40, store.ledger().account(bob).balance());
        assertTrue(store.accounts().get(bob).hasRole("reviewer"));
        assertEquals(List.of(), store.ledger().verify());
    }

    @Test
    void anExceptionRollsEverythingBack() {
        UserId bob = userWithTokens("bob@example.com", 50);
        StoreSnapshot before = snapshot();
        IllegalStateException boom = new IllegalStateException("boom");

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
            User ann = tx.accounts().create(NewUser.withEmail("ann@example.com"));
            tx.ledger().credit(ann.id(), 100, "SIGNUP_BONUS", "signup");
            tx.ledger().debit(bob, 10, "GENERATION", "bob-job");
            tx.ledger().hold(bob, 5, "GENERATION", "bob-hold");
            tx.ledger().changePlan(bob, "pro");
            tx.accounts().addRole(bob, "admin");
            tx.otp().issue("ann@example.com");
            throw boom;
        }));

        assertSame(boom, thrown, "rethrown as is");
        assertUnchanged(before);
        assertEquals(Optional.empty(), store.accounts().findByEmail("ann@example.com"));
        assertEquals(OtpRejectedException.Reason.NO_CHALLENGE, assertThrows(OtpRejectedException.class,
                () -> store.otp().verify("ann@example.com", "123456")).reason());
        assertEquals(LedgerEntry.class, store.ledger().debit(bob, 10, "GENERATION", "bob-job").getClass(),
                "the rolled-back reference id is free");
        assertEquals(40, store.ledger().account(bob).balance());
    }

    @Test
    void aRefusedDebitInsideRollsBackTheEarlierWork() {
        UserId bob = userWithTokens("bob@example.com", 50);
        StoreSnapshot before = snapshot();
        AtomicReference<RuntimeException> inner = new AtomicReference<>();

        InsufficientBalanceException thrown = assertThrows(InsufficientBalanceException.class, () -> store.transaction(tx -> {
            User ann = tx.accounts().create(NewUser.withEmail("ann@example.com"));
            tx.ledger().credit(ann.id(), 100, "SIGNUP_BONUS", "signup");
            tx.ledger().debit(bob, 40, "GENERATION", "bob-1");
            try {
                return tx.ledger().debit(bob, 40, "GENERATION", "bob-2"); // only 10 left
            } catch (InsufficientBalanceException e) {
                inner.set(e);
                throw e;
            }
        }));

        assertSame(inner.get(), thrown);
        assertEquals(10, thrown.available());
        assertUnchanged(before);
        assertEquals(50, store.ledger().account(bob).balance());
    }

    @Test
    void genstoreExceptionsPassThroughAsThemselves() {
        newUser("ann@example.com");
        StoreSnapshot before = snapshot();
        AtomicReference<RuntimeException> inner = new AtomicReference<>();

        ConflictException thrown = assertThrows(ConflictException.class, () -> store.useTransaction(tx -> {
            tx.accounts().create(NewUser.withEmail("bob@example.com"));
            try {
                tx.accounts().create(NewUser.withEmail("ANN@example.com"));
            } catch (ConflictException e) {
                inner.set(e);
                throw e;
            }
        }));

        assertSame(inner.get(), thrown);
        assertUnchanged(before);
    }

    @Test
    void useTransactionCommitsOrRollsBackLikeTransaction() {
        UserId bob = userWithTokens("bob@example.com", 50);

        store.useTransaction(tx -> {
            tx.ledger().debit(bob, 20, "GENERATION", "job-1");
            tx.accounts().create(NewUser.withEmail("ann@example.com"));
        });
        assertEquals(30, store.ledger().account(bob).balance());
        assertTrue(store.accounts().findByEmail("ann@example.com").isPresent());

        StoreSnapshot before = snapshot();
        UnsupportedOperationException boom = new UnsupportedOperationException("boom");
        assertSame(boom, assertThrows(UnsupportedOperationException.class, () -> store.useTransaction(tx -> {
            tx.ledger().debit(bob, 20, "GENERATION", "job-2");
            tx.accounts().create(NewUser.withEmail("carl@example.com"));
            throw boom;
        })));
        assertUnchanged(before);
    }

    @Test
    void theStoresOwnServicesJoinTheTransaction() {
        UserId bob = userWithTokens("bob@example.com", 50);
        StoreSnapshot before = snapshot();

        assertThrows(IllegalStateException.class, () -> store.transaction(tx -> {
            User ann = store.accounts().create(NewUser.withEmail("ann@example.com"));
            store.ledger().credit(ann.id(), 100, "SIGNUP_BONUS", "signup");
            store.ledger().debit(bob, 10, "GENERATION", "bob-job");
            tx.ledger().debit(bob, 10, "GENERATION", "bob-job-2");
            throw new IllegalStateException("boom");
        }));
        assertUnchanged(before);

        store.useTransaction(tx -> {
            store.ledger().debit(bob, 10, "GENERATION", "bob-job");
            tx.ledger().debit(bob, 10, "GENERATION", "bob-job-2");
        });
        assertEquals(30, store.ledger().account(bob).balance());
    }

    @Test
    void nestedTransactionsJoinTheOuterOne() {
        UserId bob = userWithTokens("bob@example.com", 50);
        StoreSnapshot before = snapshot();

        assertThrows(IllegalStateException.class, () -> store.useTransaction(outer -> {
            User ann = store.transaction(inner -> inner.accounts().create(NewUser.withEmail("ann@example.com")));
            store.useTransaction(inner -> inner.ledger().credit(ann.id(), 5, "GIFT", "gift"));
            outer.ledger().debit(bob, 5, "GENERATION", "job");
            throw new IllegalStateException("the outer transaction fails after the inner ones returned");
        }));
        assertUnchanged(before);

        Hold hold = store.transaction(outer -> store.transaction(inner -> inner.ledger().hold(bob, 5, "GENERATION", "job")));
        assertEquals(Optional.of(hold), store.ledger().findHold(hold.id()));
        assertEquals(HoldStatus.ACTIVE, hold.status());
    }

    @Test
    void workInProgressIsInvisibleToOtherThreads() {
        UserId bob = userWithTokens("bob@example.com", 50);

        List<Object> seenInside = store.transaction(tx -> {
            tx.accounts().create(NewUser.withEmail("ann@example.com"));
            tx.ledger().credit(bob, 25, "GIFT", "gift");
            return List.of(
                    tx.accounts().findByEmail("ann@example.com").isPresent(),
                    fromAnotherThread(() -> store.accounts().findByEmail("ann@example.com").isPresent()),
                    fromAnotherThread(() -> store.ledger().account(bob).balance()));
        });

        assertEquals(List.of(true, false, 50L), seenInside, "inside sees its work, others see the last commit");
        assertEquals(75, store.ledger().account(bob).balance());
    }

    @Test
    void errorsRollBackAndPassThroughAsThemselves() {
        UserId bob = userWithTokens("bob@example.com", 50);
        StoreSnapshot before = snapshot();
        Error error = new AssertionError("an Error, not an Exception");

        assertSame(error, assertThrows(AssertionError.class, () -> store.useTransaction(tx -> {
            tx.accounts().create(NewUser.withEmail("ann@example.com"));
            tx.ledger().debit(bob, 10, "GENERATION", "job");
            throw error;
        })));
        assertUnchanged(before);
        assertEquals(40, store.ledger().debit(bob, 10, "GENERATION", "job").balanceAfter(), "the store works on");
        assertEquals(40L, fromAnotherThread(() -> store.ledger().account(bob).balance()), "and commits on");
    }

    @Test
    void checkedExceptionsThrownSneakilyRollBackAndPassThrough() {
        UserId bob = userWithTokens("bob@example.com", 50);
        StoreSnapshot before = snapshot();
        IOException checked = new IOException("disk on fire");

        Throwable thrown = assertThrows(IOException.class, () -> store.useTransaction(tx -> {
            tx.ledger().debit(bob, 10, "GENERATION", "job");
            throw sneaky(checked);
        }));
        assertSame(checked, thrown);
        assertUnchanged(before);
    }

    @Test
    void afterARollbackTheThreadIsOutsideAnyTransaction() {
        assertThrows(IllegalStateException.class, () -> store.useTransaction(tx -> {
            tx.accounts().create(NewUser.withEmail("ann@example.com"));
            throw new IllegalStateException("boom");
        }));

        User bob = newUser("bob@example.com"); // commits on its own
        assertEquals(Optional.of(bob), fromAnotherThread(() -> store.accounts().find(bob.id())));
        assertEquals(List.of(bob), allUsers(5));
    }

    @Test
    void theValueOfTheWorkIsReturned() {
        assertEquals("done", store.transaction(tx -> "done"));
        assertNull(store.transaction(tx -> null));
        User ann = store.transaction(tx -> tx.accounts().create(NewUser.withEmail("ann@example.com")));
        assertEquals(ann, store.accounts().get(ann.id()));
    }
}
