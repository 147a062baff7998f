package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ledger under concurrency: many threads spending from one account must never overdraw it, never apply a
 * reference twice, and leave balance, entries and holds agreeing.
 */
public abstract class LedgerRaceContract extends StoreContract {
    private static final int THREADS = 8;

    /** What one thread of the debit race saw. */
    private record DebitTally(List<LedgerEntry> succeeded, int refused) {
    }

    @Test
    void racingDebitsNeverOverdrawNorRepeat() {
        int perThread = 500;
        long credited = 3000; // fewer than the 4000 debits attempted
        UserId ann = userWithTokens("ann@example.com", credited);

        List<DebitTally> tallies = valuesOf(race(THREADS, thread -> {
            List<LedgerEntry> succeeded = new ArrayList<>();
            int refused = 0;
            for (int i = 0; i < perThread; i++) {
                String reference = "t" + thread + "-" + i;
                LedgerEntry entry;
                try {
                    entry = store.ledger().debit(ann, 1, "GENERATION", reference);
                } catch (InsufficientBalanceException e) {
                    assertEquals(1, e.requested());
                    assertEquals(0, e.available(), "refused only when nothing is left");
                    refused++;
                    continue;
                }
                succeeded.add(entry);
                if (i % 3 == 0) { // the client did not hear back and retries
                    assertEquals(entry, store.ledger().debit(ann, 1, "GENERATION", reference), "a retry returns the first entry");
                }
            }
            return new DebitTally(succeeded, refused);
        }));

        List<LedgerEntry> succeeded = tallies.stream().flatMap(t -> t.succeeded().stream()).toList();
        Set<String> distinct = new HashSet<>();
        succeeded.forEach(e -> distinct.add(e.referenceId()));
        assertEquals(succeeded.size(), distinct.size(), "no debit reported twice");
        assertEquals(credited, distinct.size(), "exactly as many debits as the balance covered");
        assertEquals(THREADS * perThread - credited, tallies.stream().mapToInt(DebitTally::refused).sum());

        TokenAccount account = store.ledger().account(ann);
        assertEquals(0, account.balance());
        assertEquals(0, account.held());
        List<LedgerEntry> history = fullHistory(ann);
        assertEquals(credited + 1, history.size());
        assertEquals(account.balance(), sum(history));
        assertConsistentChain(history);
        Set<LedgerEntry> reported = new HashSet<>(succeeded);
        assertEquals(credited, history.stream().filter(reported::contains).count(), "what threads got is what is stored");
        assertEquals(List.of(), store.ledger().verify());
    }

    @Test
    void oneReferenceFromManyThreadsIsAppliedOnce() {
        UserId ann = userWithTokens("ann@example.com", 100);
        for (int round = 0; round < 10; round++) {
            String reference = "shared-" + round;
            boolean credit = round % 2 == 0;
            List<LedgerEntry> entries = valuesOf(race(THREADS, thread -> credit
                    ? store.ledger().credit(ann, 7, "TOP_UP", reference)
                    : store.ledger().debit(ann, 3, "GENERATION", reference)));
            assertEquals(1, new HashSet<>(entries).size(), "round " + round + ": every thread gets the one entry");
        }
        assertEquals(100 + 5 * 7 - 5 * 3, store.ledger().account(ann).balance());
        List<LedgerEntry> history = fullHistory(ann);
        assertEquals(11, history.size());
        assertConsistentChain(history);
    }

    /** What one thread of the hold race did, and what it left active. */
    private record HoldTally(long captured, long debited, List<Hold> active, int refused) {
    }

    @Test
    void racingHoldsCapturesAndReleasesKeepTheBooks() {
        long credited = 2000;
        UserId ann = userWithTokens("ann@example.com", credited);

        List<HoldTally> tallies = valuesOf(race(THREADS, thread -> {
            long captured = 0;
            long debited = 0;
            int refused = 0;
            List<Hold> active = new ArrayList<>();
            for (int i = 0; i < 120; i++) {
                String reference = "t" + thread + "-" + i;
                long amount = 1 + (i % 7);
                try {
                    if (i % 5 == 4) {
                        store.ledger().debit(ann, amount, "GENERATION", reference);
                        debited += amount;
                        continue;
                    }
                    Hold hold = store.ledger().hold(ann, amount, "GENERATION", reference);
                    if (i % 2 == 0) {
                        assertEquals(hold, store.ledger().hold(ann, amount, "GENERATION", reference));
                    }
                    switch (i % 4) {
                        case 0 -> captured += -store.ledger().captureAll(hold.id()).amount();
                        case 1 -> captured += -store.ledger().capture(hold.id(), Math.max(1, amount / 2)).amount();
                        case 2 -> assertEquals(HoldStatus.RELEASED, store.ledger().release(hold.id()).status());
                        default -> active.add(hold);
                    }
                } catch (InsufficientBalanceException e) {
                    assertTrue(e.available() < e.requested(), e.getMessage());
                    refused++;
                }
            }
            return new HoldTally(captured, debited, active, refused);
        }));

        long captured = tallies.stream().mapToLong(HoldTally::captured).sum();
        long debited = tallies.stream().mapToLong(HoldTally::debited).sum();
        List<Hold> active = tallies.stream().flatMap(t -> t.active().stream()).toList();
        long held = active.stream().mapToLong(Hold::amount).sum();
        assertTrue(tallies.stream().mapToInt(HoldTally::refused).sum() > 0, "the race should run out of tokens");

        TokenAccount account = store.ledger().account(ann);
        assertEquals(credited - captured - debited, account.balance());
        assertEquals(held, account.held());
        assertTrue(account.held() >= 0 && account.available() >= 0, account.toString());
        for (Hold hold : active) {
            assertEquals(HoldStatus.ACTIVE, store.ledger().findHold(hold.id()).orElseThrow().status());
        }
        List<LedgerEntry> history = fullHistory(ann);
        assertEquals(account.balance(), sum(history));
        assertConsistentChain(history);
        assertEquals(List.of(), store.ledger().verify());
    }

    @Test
    void captureAndReleaseOfOneHoldHaveOneWinner() {
        UserId ann = userWithTokens("ann@example.com", 1000);
        Map<HoldStatus, Integer> winners = new HashMap<>();
        for (int round = 0; round < 12; round++) {
            HoldId hold = store.ledger().hold(ann, 10, "GENERATION", "job-" + round).id();
            List<Attempt<Object>> attempts = race(4, thread -> thread % 2 == 0
                    ? store.ledger().captureAll(hold)
                    : store.ledger().release(hold));
            HoldStatus status = store.ledger().findHold(hold).orElseThrow().status();
            winners.merge(status, 1, Integer::sum);
            for (int thread = 0; thread < 4; thread++) {
                Attempt<Object> attempt = attempts.get(thread);
                boolean capturer = thread % 2 == 0;
                if (capturer == (status == HoldStatus.CAPTURED)) {
                    assertTrue(attempt.succeeded(), () -> "the winner's side succeeds: " + attempt.error());
                } else {
                    assertInstanceOf(IllegalTransitionException.class, attempt.error(), "the loser's side is refused");
                }
            }
        }
        assertEquals(12, winners.values().stream().mapToInt(Integer::intValue).sum());
        TokenAccount account = store.ledger().account(ann);
        assertEquals(0, account.held());
        assertEquals(1000 - 10L * winners.getOrDefault(HoldStatus.CAPTURED, 0), account.balance());
        assertEquals(account.balance(), sum(fullHistory(ann)));
    }

    /** Sequences run 1, 2, 3… oldest first, each balance-after is the previous plus the amount, never negative. */
    private static void assertConsistentChain(List<LedgerEntry> newestFirst) {
        long balance = 0;
        long sequence = 0;
        Set<String> references = new HashSet<>();
        for (int i = newestFirst.size() - 1; i >= 0; i--) {
            LedgerEntry entry = newestFirst.get(i);
            assertEquals(++sequence, entry.sequence(), "sequence");
            balance += entry.amount();
            assertEquals(balance, entry.balanceAfter(), () -> "balance-after of entry " + entry.sequence());
            assertTrue(entry.balanceAfter() >= 0, () -> "overdrawn at entry " + entry);
            assertTrue(references.add(entry.referenceId()), () -> "reference id twice: " + entry.referenceId());
        }
    }
}
