package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.budget.BudgetAlert;
import dev.genstore.budget.BudgetLimit;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.BudgetStatus;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.budget.Reservation;
import dev.genstore.errors.BudgetExceededException;
import dev.genstore.paging.PageRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets under concurrency: hard limits hold, alerts are recorded once. */
public abstract class BudgetsRaceContract extends StoreContract {
    private static final int THREADS = 8;

    @Test
    void racingAuthorizationsNeverReservePastALimit() {
        BudgetLimit limit = store.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(30_000)));
        store.budgets().setLimit(LimitSpec.global(BudgetPeriod.MONTHLY, Cost.usd(1_000_000)));
        List<Integer> granted = valuesOf(race(THREADS, thread -> {
            int ok = 0;
            for (int i = 0; i < 10; i++) {
                try {
                    store.budgets().authorize("openai", Cost.usd(1_000));
                    ok++;
                } catch (BudgetExceededException e) {
                    assertTrue(e.spent() + e.reserved() + e.asked() > e.limitAmount(), e.getMessage());
                }
            }
            return ok;
        }));
        assertEquals(30, granted.stream().mapToInt(Integer::intValue).sum(), "exactly as many as the limit covers");
        BudgetStatus status = store.budgets().status(limit.id());
        assertEquals(30_000, status.reserved());
        assertEquals(0, status.remaining());
    }

    @Test
    void racingAuthorizeAndSettleKeepSpendWithinTheLimit() {
        BudgetLimit limit = store.budgets().setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(50_000)));
        List<Long> spent = valuesOf(race(THREADS, thread -> {
            long total = 0;
            for (int i = 0; i < 12; i++) {
                Reservation r;
                try {
                    r = store.budgets().authorize("p" + (thread % 3), Cost.usd(1_000));
                } catch (BudgetExceededException e) {
                    continue;
                }
                if (i % 4 == 3) {
                    store.budgets().cancel(r.id());
                } else {
                    long actual = 500 + (i % 2) * 500;
                    store.budgets().settle(r.id(), Cost.usd(actual));
                    total += actual;
                }
            }
            return total;
        }));
        BudgetStatus status = store.budgets().status(limit.id());
        assertEquals(spent.stream().mapToLong(Long::longValue).sum(), status.spent());
        assertEquals(0, status.reserved());
        assertTrue(status.spent() <= limit.amount(), "spent " + status.spent());
    }

    @Test
    void racingSpendRecordsEachAlertOnce() {
        BudgetLimit limit = store.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(800)));
        valuesOf(race(THREADS, thread -> {
            for (int i = 0; i < 20; i++) {
                store.budgets().record(NewSpend.of("openai", "m", Cost.usd(10)));
            }
            return null;
        }));
        assertEquals(1_600, store.budgets().status(limit.id()).spent());
        List<BudgetAlert> alerts = store.budgets().alerts(PageRequest.first(100)).items();
        assertEquals(List.of(100, 80, 50), alerts.stream().map(BudgetAlert::threshold).toList());
    }
}
