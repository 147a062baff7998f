package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.Ledger;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Token accounts: credits, debits, idempotency, overdraft, holds, expiry, history, balance in time, plans. */
public abstract class LedgerContract extends StoreContract {

    private Ledger ledger() {
        return store.ledger();
    }

    private static InsufficientBalanceException assertInsufficient(long available, long requested, Executable call) {
        InsufficientBalanceException e = assertThrows(InsufficientBalanceException.class, call);
        assertEquals(available, e.available(), "available");
        assertEquals(requested, e.requested(), "requested");
        return e;
    }

    // ---- accounts --------------------------------------------------------------------------------------------------

    @Test
    void everyUserHasAnAccountOnItsPlan() {
        UserId free = newUser("free@example.com").id();
        Instant created = now();
        UserId pro = store.accounts().create(NewUser.withEmail("pro@example.com").plan("pro")).id();

        TokenAccount account = ledger().account(free);
        assertEquals(new TokenAccount(free, "free", 0, 0, created, created), account);
        assertEquals(0, account.available());
        assertEquals("pro", ledger().account(pro).plan());
    }

    @Test
    void changePlanKeepsTheBalance() {
        UserId ann = userWithTokens("ann@example.com", 70);
        Instant created = now();
        clock.advance(Duration.ofDays(1));

        TokenAccount changed = ledger().changePlan(ann, " pro ");
        assertEquals(new TokenAccount(ann, "pro", 70, 0, created, now()), changed);
        assertEquals(changed, ledger().account(ann));
        assertEquals(1, fullHistory(ann).size(), "a plan change writes no entry");

        StoreSnapshot before = snapshot();
        assertInvalid("plan", () -> ledger().changePlan(ann, " "));
        assertInvalid("plan", () -> ledger().changePlan(ann, "p".repeat(65)));
        assertThrows(NotFoundException.class, () -> ledger().changePlan(UserId.of(UUID.randomUUID()), "pro"));
        assertUnchanged(before);
    }

    // ---- credit and debit ----------------------------------------------------------------------------------------

    @Test
    void creditsAndDebitsWriteOneEntryEach() {
        UserId ann = newUser("ann@example.com").id();
        Instant created = now();
        clock.advance(Duration.ofMinutes(1));

        LedgerEntry credit = ledger().credit(ann, 100, " SIGNUP_BONUS ", " signup ");
        assertEquals(new LedgerEntry(ann, 1, 100, "SIGNUP_BONUS", "signup", 100, null, now()), credit);
        assertTrue(credit.isCredit());
        assertEquals(new TokenAccount(ann, "free", 100, 0, created, now()), ledger().account(ann));

        clock.advance(Duration.ofMinutes(1));
        LedgerEntry debit = ledger().debit(ann, 30, "GENERATION", "job-1");
        assertEquals(new LedgerEntry(ann, 2, -30, "GENERATION", "job-1", 70, null, now()), debit);
        assertFalse(debit.isCredit());

        LedgerEntry third = ledger().credit(ann, 5, "REFUND", "job-1-refund");
        assertEquals(3, third.sequence());
        assertEquals(75, third.balanceAfter());

        assertEquals(List.of(third, debit, credit), fullHistory(ann), "read back, newest first");
        assertEquals(75, ledger().account(ann).balance());
        assertEquals(List.of(), ledger().verify());
    }

    @Test
    void theSameReferenceReturnsTheFirstEntryAndChangesNothing() {
        UserId ann = newUser("ann@example.com").id();
        LedgerEntry credit = ledger().credit(ann, 100, "SIGNUP_BONUS", "signup");
        LedgerEntry debit = ledger().debit(ann, 30, "GENERATION", "job-1");
        StoreSnapshot before = snapshot();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(credit, ledger().credit(ann, 100, "SIGNUP_BONUS", "signup"));
        assertEquals(credit, ledger().credit(ann, 100, " SIGNUP_BONUS", "signup "), "compared after trimming");
        assertEquals(debit, ledger().debit(ann, 30, "GENERATION", "job-1"));
        assertEquals(debit, ledger().debit(ann, 30, "GENERATION", "job-1"));

        assertUnchanged(before);
        assertEquals(70, ledger().account(ann).balance());
        assertEquals(2, fullHistory(ann).size());
    }

    @Test
    void theSameReferenceWithOtherTermsIsAConflict() {
        UserId ann = newUser("ann@example.com").id();
        ledger().credit(ann, 100, "SIGNUP_BONUS", "signup");
        ledger().debit(ann, 30, "GENERATION", "job-1");
        StoreSnapshot before = snapshot();

        assertAll(
                () -> assertThrows(ConflictException.class, () -> ledger().credit(ann, 101, "SIGNUP_BONUS", "signup")),
                () -> assertThrows(ConflictException.class, () -> ledger().credit(ann, 100, "REFERRAL", "signup")),
                () -> assertThrows(ConflictException.class, () -> ledger().debit(ann, 100, "SIGNUP_BONUS", "signup")),
                () -> assertThrows(ConflictException.class, () -> ledger().debit(ann, 31, "GENERATION", "job-1")),
                () -> assertThrows(ConflictException.class, () -> ledger().debit(ann, 30, "UPSCALE", "job-1")),
                () -> assertThrows(ConflictException.class, () -> ledger().credit(ann, 30, "GENERATION", "job-1")),
                () -> assertThrows(ConflictException.class, () -> ledger().debit(ann, 500, "GENERATION", "job-1"),
                        "a conflict, not an overdraft: the reference decides first"));
        assertUnchanged(before);
    }

    @Test
    void aRepeatedDebitReturnsItsEntryEvenWhenTheBalanceNoLongerCoversIt() {
        UserId ann = userWithTokens("ann@example.com", 30);
        LedgerEntry debit = ledger().debit(ann, 30, "GENERATION", "job-1");
        assertEquals(0, debit.balanceAfter());
        StoreSnapshot before = snapshot();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(debit, ledger().debit(ann, 30, "GENERATION", "job-1"), "a retry, not an overdraft");
        assertThrows(ConflictException.class, () -> ledger().debit(ann, 31, "GENERATION", "job-1"));
        assertUnchanged(before);
    }

    @Test
    void aDebitReturnsTheEntryItWrote() {
        UserId ann = userWithTokens("ann@example.com", 100);
        clock.advance(Duration.ofMinutes(1));
        LedgerEntry debit = ledger().debit(ann, 40, " GENERATION ", " job-1 ");
        assertEquals(new LedgerEntry(ann, 2, -40, "GENERATION", "job-1", 60, null, now()), debit);
        assertEquals(debit, fullHistory(ann).get(0), "as stored");
        TokenAccount account = ledger().account(ann);
        assertEquals(60, account.balance());
        assertEquals(now(), account.updatedAt());
        assertEquals(List.of(), ledger().verify());
    }

    @Test
    void referenceIdsArePerAccount() {
        UserId ann = newUser("ann@example.com").id();
        UserId bob = newUser("bob@example.com").id();
        LedgerEntry a = ledger().credit(ann, 10, "SIGNUP_BONUS", "signup");
        LedgerEntry b = ledger().credit(bob, 20, "SIGNUP_BONUS", "signup");
        assertEquals(10, a.balanceAfter());
        assertEquals(20, b.balanceAfter());
        assertEquals(1, b.sequence(), "sequences are per account");
        assertEquals(List.of(b), fullHistory(bob));
    }

    @Test
    void aDebitNeverOverdraws() {
        UserId ann = userWithTokens("ann@example.com", 1234);
        StoreSnapshot before = snapshot();

        InsufficientBalanceException e = assertInsufficient(1234, 5678, () -> ledger().debit(ann, 5678, "GENERATION", "big"));
        assertTrue(e.getMessage().contains("1234"), "the message states the balance: " + e.getMessage());
        assertTrue(e.getMessage().contains("5678"), "the message states the amount: " + e.getMessage());
        assertInsufficient(1234, 1235, () -> ledger().debit(ann, 1235, "GENERATION", "big"));
        assertUnchanged(before);

        LedgerEntry all = ledger().debit(ann, 1234, "GENERATION", "big");
        assertEquals(0, all.balanceAfter(), "the whole balance can be spent, with a reference refused before");
        assertInsufficient(0, 1, () -> ledger().debit(ann, 1, "GENERATION", "one-more"));
        assertEquals(0, ledger().account(ann).balance());
    }

    @Test
    void nonPositiveAmountsAreRefused() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 10, "GENERATION", "job");
        StoreSnapshot before = snapshot();
        List<Executable> checks = new ArrayList<>();
        for (long amount : new long[] {0, -1, -100, Long.MIN_VALUE}) {
            checks.add(() -> assertInvalid("amount", () -> ledger().credit(ann, amount, "GIFT", "gift")));
            checks.add(() -> assertInvalid("amount", () -> ledger().debit(ann, amount, "GENERATION", "gen")));
            checks.add(() -> assertInvalid("amount", () -> ledger().hold(ann, amount, "GENERATION", "hold")));
            checks.add(() -> assertInvalid("amount", () -> ledger().capture(hold.id(), amount)));
        }
        assertAll(checks);
        assertUnchanged(before);
        assertEquals(Optional.of(hold), ledger().findHold(hold.id()));
    }

    @Test
    void aCreditThatWouldOverflowIsRefused() {
        UserId ann = newUser("ann@example.com").id();
        LedgerEntry max = ledger().credit(ann, Long.MAX_VALUE, "GIFT", "max");
        assertEquals(Long.MAX_VALUE, max.balanceAfter());
        StoreSnapshot before = snapshot();

        assertInvalid("amount", () -> ledger().credit(ann, 1, "GIFT", "one-more"));
        assertInvalid("amount", () -> ledger().credit(ann, Long.MAX_VALUE, "GIFT", "max-again"));
        assertUnchanged(before);

        assertEquals(Long.MAX_VALUE - 1, ledger().debit(ann, 1, "GENERATION", "spend").balanceAfter());
        assertEquals(Long.MAX_VALUE, ledger().credit(ann, 1, "GIFT", "one-more").balanceAfter());
    }

    @Test
    void blankOrOversizedReasonsAndReferencesAreRefused() {
        UserId ann = userWithTokens("ann@example.com", 100);
        StoreSnapshot before = snapshot();
        List<Executable> checks = new ArrayList<>();
        List<String> badReasons = new ArrayList<>(List.of("", "   ", "\t", "r".repeat(65), "A\u0000B"));
        badReasons.add(null);
        for (String reason : badReasons) {
            checks.add(() -> assertInvalid("reason", () -> ledger().credit(ann, 1, reason, "ref")));
            checks.add(() -> assertInvalid("reason", () -> ledger().debit(ann, 1, reason, "ref")));
            checks.add(() -> assertInvalid("reason", () -> ledger().hold(ann, 1, reason, "ref")));
        }
        List<String> badReferences = new ArrayList<>(List.of("", "  ", "x".repeat(201), "a\nb"));
        badReferences.add(null);
        for (String reference : badReferences) {
            checks.add(() -> assertInvalid("referenceId", () -> ledger().credit(ann, 1, "GIFT", reference)));
            checks.add(() -> assertInvalid("referenceId", () -> ledger().debit(ann, 1, "GENERATION", reference)));
            checks.add(() -> assertInvalid("referenceId", () -> ledger().hold(ann, 1, "GENERATION", reference)));
        }
        checks.add(() -> assertInvalid("expiresAfter", () -> ledger().hold(ann, 1, "GENERATION", "h", Duration.ZERO)));
        checks.add(() -> assertInvalid("expiresAfter", () -> ledger().hold(ann, 1, "GENERATION", "h", Duration.ofSeconds(-1))));
        assertAll(checks);
        assertUnchanged(before);

        String longest = "x".repeat(200);
        assertEquals(longest, ledger().credit(ann, 1, "R".repeat(64), longest).referenceId());
    }

    @Test
    void unknownUsersAreNotFound() {
        userWithTokens("ann@example.com", 10);
        StoreSnapshot before = snapshot();
        UserId ghost = UserId.of(UUID.randomUUID());
        assertAll(
                () -> assertEquals("user", assertThrows(NotFoundException.class, () -> ledger().credit(ghost, 1, "GIFT", "g")).entity()),
                () -> assertThrows(NotFoundException.class, () -> ledger().debit(ghost, 1, "GENERATION", "g")),
                () -> assertThrows(NotFoundException.class, () -> ledger().hold(ghost, 1, "GENERATION", "g")),
                () -> assertThrows(NotFoundException.class, () -> ledger().hold(ghost, 1, "GENERATION", "g", Duration.ofMinutes(1))),
                () -> assertThrows(NotFoundException.class, () -> ledger().history(ghost, PageRequest.first(10))),
                () -> assertThrows(NotFoundException.class, () -> ledger().balanceAt(ghost, now())),
                () -> assertThrows(NotFoundException.class, () -> ledger().account(ghost)),
                () -> assertThrows(NotFoundException.class, () -> ledger().changePlan(ghost, "pro")));
        assertUnchanged(before);
    }

    // ---- holds ---------------------------------------------------------------------------------------------------

    @Test
    void aHoldReservesAvailableTokensNotTheBalance() {
        UserId ann = userWithTokens("ann@example.com", 100);
        clock.advance(Duration.ofMinutes(1));

        Hold hold = ledger().hold(ann, 30, " GENERATION ", " job-1 ");
        assertEquals(new Hold(hold.id(), ann, 30, 0, "GENERATION", "job-1", HoldStatus.ACTIVE, null, now(), null), hold);
        assertEquals(Optional.empty(), hold.optionalExpiresAt());
        assertEquals(Optional.of(hold), ledger().findHold(hold.id()));

        TokenAccount account = ledger().account(ann);
        assertEquals(100, account.balance());
        assertEquals(30, account.held());
        assertEquals(70, account.available());
        assertEquals(now(), account.updatedAt());
        assertEquals(1, fullHistory(ann).size(), "a hold writes no entry");

        assertInsufficient(70, 71, () -> ledger().debit(ann, 71, "GENERATION", "job-2"));
        assertInsufficient(70, 71, () -> ledger().hold(ann, 71, "GENERATION", "job-3"));
        assertEquals(30, ledger().debit(ann, 70, "GENERATION", "job-2").balanceAfter());
        assertEquals(30, ledger().account(ann).balance());
        assertEquals(0, ledger().account(ann).available());
    }

    @Test
    void insufficientAvailableTokensRefuseAHold() {
        UserId ann = userWithTokens("ann@example.com", 10);
        ledger().hold(ann, 6, "GENERATION", "job-1");
        StoreSnapshot before = snapshot();

        InsufficientBalanceException e = assertInsufficient(4, 5, () -> ledger().hold(ann, 5, "GENERATION", "job-2"));
        assertTrue(e.getMessage().contains("10"), e.getMessage());
        assertUnchanged(before);
        assertEquals(4, ledger().hold(ann, 4, "GENERATION", "job-2").amount());
        assertEquals(0, ledger().account(ann).available());
    }

    @Test
    void capturingPartOfAHoldDebitsThePartAndReleasesTheRest() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 30, "GENERATION", "job-1");
        clock.advance(Duration.ofSeconds(40));

        LedgerEntry entry = ledger().capture(hold.id(), 12);
        assertEquals(new LedgerEntry(ann, 2, -12, "GENERATION", "job-1", 88, hold.id(), now()), entry);

        TokenAccount account = ledger().account(ann);
        assertEquals(88, account.balance());
        assertEquals(0, account.held());
        assertEquals(88, account.available());
        assertEquals(Optional.of(new Hold(hold.id(), ann, 30, 12, "GENERATION", "job-1", HoldStatus.CAPTURED, null,
                hold.createdAt(), now())), ledger().findHold(hold.id()));
        assertEquals(List.of(entry), fullHistory(ann).subList(0, 1));
    }

    @Test
    void captureIsIdempotentForTheSameAmountOnly() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 30, "GENERATION", "job-1");
        LedgerEntry entry = ledger().capture(hold.id(), 12);
        StoreSnapshot before = snapshot();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(entry, ledger().capture(hold.id(), 12));
        IllegalTransitionException other = assertThrows(IllegalTransitionException.class, () -> ledger().capture(hold.id(), 13));
        assertTrue(other.from().startsWith("CAPTURED"), other.from());
        assertThrows(IllegalTransitionException.class, () -> ledger().captureAll(hold.id()));
        IllegalTransitionException release = assertThrows(IllegalTransitionException.class, () -> ledger().release(hold.id()));
        assertEquals("CAPTURED", release.from());
        assertEquals("RELEASED", release.to());
        assertThrows(ConflictException.class, () -> ledger().debit(ann, 12, "GENERATION", "job-1"),
                "the hold's reference belongs to its capture");
        assertUnchanged(before);
    }

    @Test
    void captureAllDebitsTheWholeHold() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 30, "GENERATION", "job-1");

        LedgerEntry entry = ledger().captureAll(hold.id());
        assertEquals(-30, entry.amount());
        assertEquals(70, entry.balanceAfter());
        assertEquals(hold.id(), entry.holdId());
        assertEquals(30, ledger().findHold(hold.id()).orElseThrow().captured());
        StoreSnapshot before = snapshot();

        assertEquals(entry, ledger().captureAll(hold.id()));
        assertEquals(entry, ledger().capture(hold.id(), 30));
        assertThrows(IllegalTransitionException.class, () -> ledger().capture(hold.id(), 29));
        assertUnchanged(before);
        assertEquals(new TokenAccount(ann, "free", 70, 0, account(ann).createdAt(), account(ann).updatedAt()), account(ann));
    }

    @Test
    void capturingMoreThanHeldIsRefused() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 30, "GENERATION", "job-1");
        StoreSnapshot before = snapshot();

        assertInvalid("amount", () -> ledger().capture(hold.id(), 31));
        assertInvalid("amount", () -> ledger().capture(hold.id(), 100));
        assertUnchanged(before);
        assertEquals(Optional.of(hold), ledger().findHold(hold.id()));
        assertEquals(-30, ledger().capture(hold.id(), 30).amount());
    }

    @Test
    void releaseGivesTheTokensBack() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 30, "GENERATION", "job-1");
        clock.advance(Duration.ofMinutes(2));

        Hold released = ledger().release(hold.id());
        assertEquals(new Hold(hold.id(), ann, 30, 0, "GENERATION", "job-1", HoldStatus.RELEASED, null, hold.createdAt(),
                now()), released);
        assertEquals(Optional.of(released), ledger().findHold(hold.id()));
        assertEquals(100, ledger().account(ann).available());
        assertEquals(0, ledger().account(ann).held());
        assertEquals(1, fullHistory(ann).size(), "a release writes no entry");
        StoreSnapshot before = snapshot();

        clock.advance(Duration.ofMinutes(2));
        assertEquals(released, ledger().release(hold.id()), "releasing twice returns the released hold");
        IllegalTransitionException capture = assertThrows(IllegalTransitionException.class, () -> ledger().capture(hold.id(), 5));
        assertEquals("RELEASED", capture.from());
        assertEquals("CAPTURED", capture.to());
        assertThrows(IllegalTransitionException.class, () -> ledger().captureAll(hold.id()));
        assertUnchanged(before);
    }

    @Test
    void unknownHoldsAreNotFound() {
        userWithTokens("ann@example.com", 100);
        StoreSnapshot before = snapshot();
        HoldId ghost = HoldId.of(UUID.randomUUID());
        NotFoundException e = assertThrows(NotFoundException.class, () -> ledger().capture(ghost, 1));
        assertEquals("hold", e.entity());
        assertEquals(ghost.toString(), e.id());
        assertThrows(NotFoundException.class, () -> ledger().captureAll(ghost));
        assertThrows(NotFoundException.class, () -> ledger().release(ghost));
        assertEquals(Optional.empty(), ledger().findHold(ghost));
        assertUnchanged(before);
    }

    @Test
    void theSameHoldReferenceReturnsTheFirstHold() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 30, "GENERATION", "job-1", Duration.ofMinutes(10));
        StoreSnapshot before = snapshot();
        clock.advance(Duration.ofMinutes(1));

        assertEquals(hold, ledger().hold(ann, 30, "GENERATION", "job-1", Duration.ofMinutes(10)));
        assertEquals(hold, ledger().hold(ann, 30, "GENERATION", "job-1"));
        assertEquals(30, ledger().account(ann).held(), "held once");
        assertThrows(ConflictException.class, () -> ledger().hold(ann, 31, "GENERATION", "job-1"));
        assertThrows(ConflictException.class, () -> ledger().hold(ann, 30, "UPSCALE", "job-1"));
        assertThrows(ConflictException.class, () -> ledger().hold(ann, 500, "GENERATION", "job-1"),
                "a conflict, not an overdraft: the reference decides first");
        assertUnchanged(before);

        ledger().release(hold.id());
        assertEquals(HoldStatus.RELEASED, ledger().hold(ann, 30, "GENERATION", "job-1").status(),
                "a settled hold's reference still returns that hold, never a second one");
        assertEquals(0, ledger().account(ann).held());
    }

    @Test
    void anExpiredHoldGivesItsTokensBack() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 60, "GENERATION", "job-1", Duration.ofMinutes(5));
        assertEquals(now().plus(Duration.ofMinutes(5)), hold.expiresAt());
        assertEquals(Optional.of(hold.expiresAt()), hold.optionalExpiresAt());
        assertEquals(40, ledger().account(ann).available());

        clock.advance(Duration.ofMinutes(5).minusNanos(1000));
        assertEquals(HoldStatus.ACTIVE, ledger().findHold(hold.id()).orElseThrow().status(), "active until its expiry");
        assertEquals(40, ledger().account(ann).available());

        clock.advance(Duration.ofMinutes(1));
        Hold expired = ledger().findHold(hold.id()).orElseThrow();
        assertEquals(HoldStatus.EXPIRED, expired.status());
        assertEquals(0, expired.captured());
        assertEquals(hold.expiresAt(), expired.settledAt());
        TokenAccount account = ledger().account(ann);
        assertEquals(100, account.balance());
        assertEquals(0, account.held());
        assertEquals(100, account.available());
        assertEquals(List.of(), ledger().verify());

        assertEquals(0, ledger().debit(ann, 100, "GENERATION", "job-2").balanceAfter(), "the expired tokens can be spent");
        Hold settled = ledger().findHold(hold.id()).orElseThrow();
        assertEquals(expired, settled);
        IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> ledger().capture(hold.id(), 10));
        assertEquals("EXPIRED", e.from());
        assertThrows(IllegalTransitionException.class, () -> ledger().captureAll(hold.id()));
        assertEquals(settled, ledger().release(hold.id()), "an expired hold is released already");
        assertEquals(0, ledger().releaseExpiredHolds(), "settled when the account was used");
    }

    @Test
    void aDebitThatFitsBesideAnExpiredHoldSettlesItToo() {
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger().hold(ann, 60, "GENERATION", "job-1", Duration.ofMinutes(5));
        Hold kept = ledger().hold(ann, 10, "GENERATION", "job-2");
        clock.advance(Duration.ofMinutes(6));

        assertEquals(80, ledger().debit(ann, 20, "UPSCALE", "u-1").balanceAfter(), "20 fit beside both holds");
        assertEquals(0, ledger().releaseExpiredHolds(), "the debit settled the expired hold");
        Hold settled = ledger().findHold(hold.id()).orElseThrow();
        assertEquals(HoldStatus.EXPIRED, settled.status());
        assertEquals(hold.expiresAt(), settled.settledAt());
        assertEquals(HoldStatus.ACTIVE, ledger().findHold(kept.id()).orElseThrow().status());
        TokenAccount account = ledger().account(ann);
        assertEquals(80, account.balance());
        assertEquals(10, account.held());
        assertEquals(List.of(), ledger().verify());
        assertEquals(10, ledger().debit(ann, 70, "UPSCALE", "u-2").balanceAfter(), "only the live hold is kept back");
        assertInsufficient(0, 1, () -> ledger().debit(ann, 1, "UPSCALE", "u-3"));
    }

    @Test
    void releaseExpiredHoldsSettlesEveryExpiredHold() {
        UserId ann = userWithTokens("ann@example.com", 100);
        UserId bob = userWithTokens("bob@example.com", 50);
        Hold annShort = ledger().hold(ann, 10, "GENERATION", "a-1", Duration.ofMinutes(1));
        Hold annLong = ledger().hold(ann, 20, "GENERATION", "a-2", Duration.ofHours(1));
        Hold annForever = ledger().hold(ann, 30, "GENERATION", "a-3");
        Hold bobShort = ledger().hold(bob, 40, "GENERATION", "b-1", Duration.ofMinutes(2));
        Hold bobCaptured = ledger().hold(bob, 5, "GENERATION", "b-2", Duration.ofMinutes(2));
        ledger().capture(bobCaptured.id(), 5);

        clock.advance(Duration.ofMinutes(10));
        assertEquals(2, ledger().releaseExpiredHolds());
        assertEquals(0, ledger().releaseExpiredHolds());

        assertEquals(HoldStatus.EXPIRED, ledger().findHold(annShort.id()).orElseThrow().status());
        assertEquals(HoldStatus.EXPIRED, ledger().findHold(bobShort.id()).orElseThrow().status());
        assertEquals(HoldStatus.ACTIVE, ledger().findHold(annLong.id()).orElseThrow().status());
        assertEquals(HoldStatus.ACTIVE, ledger().findHold(annForever.id()).orElseThrow().status());
        assertEquals(HoldStatus.CAPTURED, ledger().findHold(bobCaptured.id()).orElseThrow().status());
        assertEquals(50, ledger().account(ann).held());
        assertEquals(0, ledger().account(bob).held());
        assertEquals(45, ledger().account(bob).available());

        clock.advance(Duration.ofHours(1));
        assertEquals(1, ledger().releaseExpiredHolds());
        assertEquals(30, ledger().account(ann).held());
        assertEquals(List.of(), ledger().verify());
    }

    // ---- history and balance in time -----------------------------------------------------------------------------

    @Test
    void historyIsNewestFirstInKeysetPages() {
        UserId ann = newUser("ann@example.com").id();
        List<LedgerEntry> written = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofSeconds(1));
            written.add(i % 3 == 2
                    ? ledger().debit(ann, 3, "GENERATION", "debit-" + i)
                    : ledger().credit(ann, 5, "TOP_UP", "credit-" + i));
        }
        List<LedgerEntry> newestFirst = new ArrayList<>(written);
        Collections.reverse(newestFirst);

        List<Page<LedgerEntry>> pages = new ArrayList<>();
        Page<LedgerEntry> page = ledger().history(ann, PageRequest.first(5));
        pages.add(page);
        while (page.hasNext()) {
            page = ledger().history(ann, page.next(5).orElseThrow());
            pages.add(page);
        }
        assertEquals(List.of(5, 5, 5, 5, 3), pages.stream().map(p -> p.items().size()).toList());
        assertEquals(newestFirst, pages.stream().flatMap(p -> p.items().stream()).toList());
        assertNull(pages.get(4).nextCursor());

        long expectedSequence = 23;
        long balance = ledger().account(ann).balance();
        for (LedgerEntry entry : newestFirst) {
            assertEquals(expectedSequence--, entry.sequence());
            assertEquals(balance, entry.balanceAfter());
            balance -= entry.amount();
        }
        assertEquals(0, balance, "the chain starts at zero");
        assertEquals(sum(written), ledger().account(ann).balance());
    }

    @Test
    void historyPagesNeitherSkipNorRepeatWhileEntriesAreAdded() {
        UserId ann = newUser("ann@example.com").id();
        for (int i = 0; i < 12; i++) {
            ledger().credit(ann, 1, "TOP_UP", "t-" + i);
        }
        List<LedgerEntry> before = fullHistory(ann);
        Page<LedgerEntry> first = ledger().history(ann, PageRequest.first(5));
        for (int i = 0; i < 4; i++) {
            ledger().credit(ann, 1, "TOP_UP", "late-" + i);
        }
        List<LedgerEntry> read = new ArrayList<>(first.items());
        Page<LedgerEntry> page = first;
        while (page.hasNext()) {
            page = ledger().history(ann, page.next(5).orElseThrow());
            read.addAll(page.items());
        }
        assertEquals(before, read);
    }

    @Test
    void anAccountWithoutEntriesHasAnEmptyHistory() {
        UserId ann = newUser("ann@example.com").id();
        Page<LedgerEntry> page = ledger().history(ann, PageRequest.first(5));
        assertEquals(List.of(), page.items());
        assertFalse(page.hasNext());
        assertEquals(0, ledger().balanceAt(ann, now()));
    }

    @Test
    void balanceAtReadsTheBalanceAsOfAnInstant() {
        UserId ann = newUser("ann@example.com").id();
        Instant t1 = clock.advance(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MICROS);
        ledger().credit(ann, 100, "SIGNUP_BONUS", "signup");
        Instant t2 = clock.advance(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MICROS);
        ledger().debit(ann, 30, "GENERATION", "job-1");
        Instant t3 = clock.advance(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MICROS);
        ledger().credit(ann, 10, "REFUND", "r-1");
        ledger().credit(ann, 20, "REFUND", "r-2"); // same instant: the later entry wins
        clock.advance(Duration.ofMinutes(1));

        assertAll(
                () -> assertEquals(0, ledger().balanceAt(ann, START.minus(Duration.ofDays(365)))),
                () -> assertEquals(0, ledger().balanceAt(ann, t1.minus(1, ChronoUnit.MICROS))),
                () -> assertEquals(100, ledger().balanceAt(ann, t1), "an entry counts from its own instant"),
                () -> assertEquals(100, ledger().balanceAt(ann, t1.plusSeconds(30))),
                () -> assertEquals(100, ledger().balanceAt(ann, t2.minus(1, ChronoUnit.MICROS))),
                () -> assertEquals(70, ledger().balanceAt(ann, t2)),
                () -> assertEquals(70, ledger().balanceAt(ann, t3.minusSeconds(1))),
                () -> assertEquals(100, ledger().balanceAt(ann, t3)),
                () -> assertEquals(100, ledger().balanceAt(ann, now())),
                () -> assertEquals(100, ledger().balanceAt(ann, Instant.parse("2999-01-01T00:00:00Z"))));
        assertEquals(100, ledger().account(ann).balance());
    }

    // ---- all of it -----------------------------------------------------------------------------------------------

    @Test
    void aBusyStoreVerifiesClean() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        UserId bob = userWithTokens("bob@example.com", 500);
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(7));
            ledger().debit(ann, 7, "GENERATION", "a-debit-" + i);
            Hold hold = ledger().hold(bob, 11, "GENERATION", "b-hold-" + i, i % 3 == 0 ? Duration.ofSeconds(20) : null);
            switch (i % 4) {
                case 0 -> ledger().capture(hold.id(), 5);
                case 1 -> ledger().release(hold.id());
                case 2 -> ledger().captureAll(hold.id());
                default -> { } // left active (i = 7), or to expire (i = 3)
            }
            ledger().credit(bob, 3, "REFUND", "b-refund-" + i);
        }
        ledger().changePlan(ann, "pro");
        clock.advance(Duration.ofMinutes(1));
        ledger().releaseExpiredHolds();

        assertEquals(List.of(), ledger().verify());
        for (UserId id : List.of(ann, bob)) {
            List<LedgerEntry> history = fullHistory(id);
            TokenAccount account = ledger().account(id);
            assertEquals(account.balance(), sum(history));
            assertTrue(account.held() >= 0 && account.held() <= account.balance());
        }
        assertEquals(930, ledger().account(ann).balance());
    }
}
