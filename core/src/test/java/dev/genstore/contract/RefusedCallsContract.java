package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.budget.BudgetLimit;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.budget.Reservation;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.GenstoreException;
import dev.genstore.images.NewImage;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.NewJob;
import dev.genstore.ledger.HoldId;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A call the store refuses (bad input, a rule, a failure inside the database) changes nothing and leaves every service
 * working: no connection, cached statement or lock is left in a state that breaks later calls.
 */
public abstract class RefusedCallsContract extends StoreContract {
    private int round;

    /** Every hot path of every service once: ledger, budgets, jobs and queue, images, prompts, cache, accounts. */
    private void everyServiceWorks() {
        round++;
        UserId user = userWithTokens("works-" + round + "@example.com", 100);
        store.ledger().debit(user, 10, "GENERATION", "works-" + round);
        store.ledger().credit(user, 5, "REFUND", "works-refund-" + round);
        assertEquals(95, store.ledger().account(user).balance());

        if (round == 1) {
            store.budgets().setLimit(LimitSpec.provider("works", BudgetPeriod.DAILY, Cost.usd(1_000_000)));
        }
        Reservation reservation = store.budgets().authorize("works", "m", Cost.usd(10));
        store.budgets().settle(reservation.id(), Cost.usd(9));
        store.budgets().record(NewSpend.of("works", "m", Cost.usd(1)));
        assertEquals(10L * round, store.budgets().statuses().stream()
                .filter(s -> "works".equals(s.limit().provider())).mapToLong(s -> s.spent()).sum());

        Job job = store.jobs().submit(NewJob.of(user, "a cat", "openai", "m").tokenCost(3));
        List<ClaimedJob> claimed = store.queue().claim("worker", 10, Duration.ofMinutes(1));
        for (ClaimedJob c : claimed) {
            store.queue().complete(c.job().id(), c.fencingToken(), 1, 0);
        }
        assertEquals(JobStatus.SUCCEEDED, store.jobs().get(job.id()).status());

        store.images().store(NewImage.generated(user, "a cat " + round), TestImages.greyPng(8, 8, round));
        store.prompts().record("a cat " + round, "m");
        store.prompts().record("a cat " + round, "m");
        assertEquals(2, store.prompts().findByText("a cat " + round).orElseThrow().totalUses());

        Map<String, Object> config = Map.of("size", round);
        store.cache().put(NewCacheEntry.of("ns", "item", config, "image/png"), TestImages.greyPng(4, 4, 1));
        assertTrue(store.cache().get("ns", "item", config).isPresent());
        assertEquals(List.of(), store.ledger().verify());
    }

    private void refusedThenWorking(String what, Consumer<UserId> refusedCall) {
        everyServiceWorks();
        UserId victim = userWithTokens("refused-" + what + "@example.com", 10);
        assertThrows(RuntimeException.class, () -> refusedCall.accept(victim), what + " was not refused");
        everyServiceWorks();
        everyServiceWorks();
    }

    /**
     * Issue 12: on SQLite an overflow inside the database (a sum of spends past {@code Long.MAX_VALUE}) left the cached
     * statement of the limit check unusable ("statement is not executing") for every later check. Whether the store
     * refuses the amounts up front or the database refuses the sum, later checks on other limits must work.
     */
    @Test
    void everyServiceWorksAfterAnOverflowingSettlement() {
        store.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(Long.MAX_VALUE)));
        refusedThenWorking("settle-overflow", user -> {
            store.budgets().settle(store.budgets().authorize("openai", "m", Cost.usd(10)).id(), Cost.usd(Long.MAX_VALUE));
            store.budgets().settle(store.budgets().authorize("openai", "m", Cost.usd(10)).id(), Cost.usd(Long.MAX_VALUE));
            store.budgets().authorize("openai", "m", Cost.usd(1));
        });
    }

    /** Issue 12's exact sequence: a settlement of {@code Long.MAX_VALUE} on a limit, then checks of the same limit. */
    @Test
    void limitChecksWorkAfterASettlementOfLongMax() {
        store.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(1_000)));
        store.budgets().setLimit(LimitSpec.provider("other", BudgetPeriod.DAILY, Cost.usd(1_000)));
        Reservation reservation = store.budgets().authorize("openai", "m", Cost.usd(10));
        try {
            store.budgets().settle(reservation.id(), Cost.usd(Long.MAX_VALUE));
            store.budgets().settle(store.budgets().authorize("other", "m", Cost.usd(10)).id(), Cost.usd(Long.MAX_VALUE));
            store.budgets().record(NewSpend.of("openai", "m", Cost.usd(Long.MAX_VALUE)));
        } catch (GenstoreException refused) {
            // refusing the amount is fine; what follows must work either way
        }
        for (int i = 0; i < 3; i++) {
            try {
                store.budgets().authorize("openai", "m", Cost.usd(1));
            } catch (GenstoreException e) {
                assertTrue(!(e instanceof dev.genstore.errors.StorageException), "a limit check broke: " + e);
            }
        }
        store.budgets().setLimit(LimitSpec.provider("fresh", BudgetPeriod.DAILY, Cost.usd(1_000)));
        Reservation fresh = store.budgets().authorize("fresh", "m", Cost.usd(10));
        store.budgets().settle(fresh.id(), Cost.usd(9));
        store.budgets().record(NewSpend.of("fresh", "m", Cost.usd(1)));
        everyServiceWorks();
    }

    @Test
    void everyServiceWorksAfterAnOverflowingSpend() {
        store.budgets().setLimit(LimitSpec.global(BudgetPeriod.MONTHLY, Cost.of(Long.MAX_VALUE, "EUR")));
        refusedThenWorking("spend-overflow", user -> {
            store.budgets().record(NewSpend.of("openai", "m", Cost.of(Long.MAX_VALUE, "EUR")));
            store.budgets().record(NewSpend.of("openai", "m", Cost.of(Long.MAX_VALUE, "EUR")));
            store.budgets().authorize("openai", "m", Cost.of(1, "EUR"));
        });
    }

    @Test
    void everyServiceWorksAfterAnInsufficientBalance() {
        refusedThenWorking("balance", user -> store.ledger().debit(user, 11, "GENERATION", "too-much"));
    }

    @Test
    void everyServiceWorksAfterAnOverflowingCredit() {
        refusedThenWorking("credit", user -> store.ledger().credit(user, Long.MAX_VALUE, "BONUS", "too-much"));
    }

    @Test
    void everyServiceWorksAfterAConflict() {
        refusedThenWorking("conflict", user -> store.accounts().create(NewUser.withEmail("refused-conflict@example.com")));
    }

    @Test
    void everyServiceWorksAfterAnIllegalTransition() {
        refusedThenWorking("transition", user -> {
            Job job = store.jobs().submit(NewJob.of(user, "p", "openai", "m"));
            store.jobs().cancel(job.id());
            store.queue().complete(job.id(), 1, 1, 0);
        });
    }

    @Test
    void everyServiceWorksAfterNotFound() {
        refusedThenWorking("missing", user -> store.ledger().capture(HoldId.of(UUID.randomUUID()), 1));
    }

    @Test
    void everyServiceWorksAfterBadInput() {
        refusedThenWorking("input", user -> store.ledger().debit(user, -1, "GENERATION", "negative"));
    }

    @Test
    void everyServiceWorksAfterAnExceptionInsideATransaction() {
        refusedThenWorking("transaction", user -> store.transaction(tx -> {
            tx.ledger().debit(user, 5, "GENERATION", "inside");
            tx.budgets().settle(tx.budgets().authorize("openai", "m", Cost.usd(1)).id(), Cost.usd(Long.MAX_VALUE));
            throw new IllegalStateException("the application gave up");
        }));
        assertEquals(10, store.ledger().account(store.accounts().findByEmail("refused-transaction@example.com")
                .orElseThrow().id()).balance());
    }
}
