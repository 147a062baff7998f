package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genstore.Genstore;
import dev.genstore.budget.BudgetAlert;
import dev.genstore.budget.BudgetLimit;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.budget.Reservation;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.paging.PageRequest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Budget alerts pushed to listeners: after the commit that crossed a threshold, never on rollback, once per alert. */
public abstract class BudgetAlertListenerContract extends StoreContract {
    private final List<BudgetAlert> heard = new CopyOnWriteArrayList<>();
    /** For each alert heard: whether another connection (another thread) already saw it committed. */
    private final List<Boolean> committedWhenHeard = new CopyOnWriteArrayList<>();
    private ExecutorService otherThread;
    private Genstore pushing;

    @BeforeEach
    void openPushingStore() {
        otherThread = Executors.newSingleThreadExecutor();
        pushing = openStore(builder -> builder.budgetAlertListener(alert -> {
            heard.add(alert);
            committedWhenHeard.add(visibleElsewhere(alert));
        }));
    }

    @AfterEach
    void stopOtherThread() {
        otherThread.shutdownNow();
    }

    private boolean visibleElsewhere(BudgetAlert alert) {
        Future<Boolean> seen = otherThread.submit(() -> alerts(pushing).contains(alert));
        try {
            return seen.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<BudgetAlert> alerts(Genstore genstore) {
        return genstore.budgets().alerts(PageRequest.first(100)).items();
    }

    private static NewSpend spend(long micros) {
        return NewSpend.of("openai", "dall-e-3", Cost.usd(micros));
    }

    @Test
    void eachAlertIsPushedOnceAfterItsCommit() {
        BudgetLimit limit = pushing.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(1_000)));

        pushing.budgets().record(spend(600));                 // crosses 50 %
        assertEquals(1, heard.size());
        assertEquals(limit.id(), heard.get(0).limitId());
        assertEquals(50, heard.get(0).threshold());

        pushing.budgets().record(spend(100));                 // 70 %: nothing new
        assertEquals(1, heard.size());

        pushing.budgets().record(spend(500));                 // 120 %: crosses 80 and 100 at once
        assertEquals(List.of(50, 80, 100), heard.stream().map(BudgetAlert::threshold).toList());
        pushing.budgets().record(spend(500));                 // past everything: nothing new
        assertEquals(3, heard.size(), "once per alert");

        assertEquals(List.of(true, true, true), committedWhenHeard, "heard only once another connection could read it");
        assertEquals(alerts(pushing).stream().sorted((a, b) -> a.threshold() - b.threshold()).toList(), heard,
                "what was heard is what was recorded");
    }

    @Test
    void settlingPushesToo() {
        pushing.budgets().setLimit(LimitSpec.global(BudgetPeriod.MONTHLY, Cost.usd(1_000)));
        Reservation reservation = pushing.budgets().authorize("openai", Cost.usd(900));
        assertEquals(List.of(), heard, "a reservation is not spend");
        pushing.budgets().settle(reservation.id(), Cost.usd(900));
        assertEquals(List.of(50, 80), heard.stream().map(BudgetAlert::threshold).toList());
        assertEquals(List.of(true, true), committedWhenHeard);
    }

    @Test
    void aRolledBackTransactionPushesNothing() {
        pushing.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(1_000)));

        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> pushing.useTransaction(tx -> {
            tx.budgets().record(spend(900));
            assertEquals(List.of(), heard, "nothing is pushed before the commit");
            throw new IllegalStateException("the app changed its mind");
        }));
        assertEquals("the app changed its mind", thrown.getMessage());
        assertEquals(List.of(), heard, "never for a rolled-back transaction");
        assertEquals(List.of(), alerts(pushing));

        pushing.useTransaction(tx -> {
            tx.budgets().record(spend(900));
            assertEquals(List.of(), heard, "nothing before the outermost transaction commits");
        });
        assertEquals(List.of(50, 80), heard.stream().map(BudgetAlert::threshold).toList());
        assertEquals(List.of(true, true), committedWhenHeard);
    }

    @Test
    void aFailingListenerIsLoggedNotThrownAndTheOthersStillHear() {
        List<BudgetAlert> second = new CopyOnWriteArrayList<>();
        Genstore failing = openStore(builder -> builder
                .budgetAlertListener(alert -> {
                    throw new IllegalStateException("the mail server is down");
                })
                .budgetAlertListener(second::add));
        failing.budgets().setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(100)));

        failing.budgets().record(spend(50));                  // no exception reaches the caller
        assertEquals(1, second.size(), "the next listener still hears it");
        assertEquals(alerts(failing), second, "the alert is committed all the same");
    }

    @Test
    void aNullListenerIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Genstore.builder().budgetAlertListener(null));
        assertEquals("budgetAlertListener", e.field());
        assertEquals(List.of(), heard);
    }
}
