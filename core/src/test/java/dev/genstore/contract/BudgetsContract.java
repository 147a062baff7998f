package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.budget.BudgetAlert;
import dev.genstore.budget.BudgetLimit;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.BudgetPolicy;
import dev.genstore.budget.BudgetStatus;
import dev.genstore.budget.Budgets;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.budget.PeriodRange;
import dev.genstore.budget.Reservation;
import dev.genstore.budget.ReservationId;
import dev.genstore.budget.ReservationStatus;
import dev.genstore.budget.SpendRecord;
import dev.genstore.budget.SpendSummary;
import dev.genstore.errors.BudgetExceededException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Provider budgets: limits on calendar periods, reservations, settlement, expiry, alerts and queries. */
public abstract class BudgetsContract extends StoreContract {
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    /** A store on the test clock whose budget periods follow {@code zone}; the caller closes it. */
    protected Genstore storeInZone(ZoneId zone) {
        return Genstore.builder().storage(newStorage()).clock(clock)
                .budgetPolicy(BudgetPolicy.DEFAULT.withZone(zone)).build();
    }

    /** Everything budgets show: limits, their statuses, alerts, spend of all time. */
    private record BudgetSnapshot(List<BudgetLimit> limits, List<BudgetStatus> statuses, List<BudgetAlert> alerts,
                                  List<SpendSummary> spend) {
    }

    private BudgetSnapshot budgetSnapshot() {
        Budgets budgets = store.budgets();
        return new BudgetSnapshot(budgets.limits(), budgets.statuses(), allAlerts(budgets, 2),
                budgets.spend(Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z")));
    }

    private static List<BudgetAlert> allAlerts(Budgets budgets, int pageSize) {
        List<BudgetAlert> alerts = new ArrayList<>();
        PageRequest request = PageRequest.first(pageSize);
        while (true) {
            Page<BudgetAlert> page = budgets.alerts(request);
            alerts.addAll(page.items());
            if (!page.hasNext()) {
                return alerts;
            }
            request = page.next(pageSize).orElseThrow();
        }
    }

    @Test
    void limitsAreSetOncePerScopePeriodAndCurrency() {
        Budgets budgets = store.budgets();
        BudgetLimit global = budgets.setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(10_000_000)));
        assertNull(global.provider());
        assertTrue(global.global());
        assertEquals(List.of(50, 80, 100), global.thresholds());
        assertTrue(global.hard());
        assertEquals(now(), global.createdAt());

        clock.advance(Duration.ofMinutes(1));
        BudgetLimit openai = budgets.setLimit(LimitSpec.provider("OpenAI", BudgetPeriod.MONTHLY, Cost.of(5_000_000, "eur"))
                .thresholds(90, 25, 90).soft());
        assertEquals("openai", openai.provider());
        assertEquals("EUR", openai.currency());
        assertEquals(List.of(25, 90), openai.thresholds());
        assertFalse(openai.hard());

        clock.advance(Duration.ofMinutes(1));
        BudgetLimit changed = budgets.setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(20_000_000)));
        assertEquals(global.id(), changed.id(), "one limit per scope, period and currency");
        assertEquals(20_000_000, changed.amount());
        assertEquals(global.createdAt(), changed.createdAt());
        assertEquals(now(), changed.updatedAt());
        assertEquals(List.of(changed, openai), budgets.limits());

        budgets.removeLimit(openai.id());
        assertEquals(List.of(changed), budgets.limits());
        assertThrows(NotFoundException.class, () -> budgets.removeLimit(openai.id()));
    }

    @Test
    void authorizeReservesAgainstEveryHardLimitOrRefusesSayingWhich() {
        Budgets budgets = store.budgets();
        BudgetLimit openai = budgets.setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(1_000_000)));
        BudgetLimit global = budgets.setLimit(LimitSpec.global(BudgetPeriod.MONTHLY, Cost.usd(1_500_000)));

        Reservation first = budgets.authorize("openai", "dall-e-3", Cost.usd(600_000));
        assertEquals(ReservationStatus.ACTIVE, first.status());
        assertEquals(now().plus(BudgetPolicy.DEFAULT.reservationTtl()), first.expiresAt());
        assertEquals(first, budgets.findReservation(first.id()).orElseThrow());

        BudgetExceededException refused = assertThrows(BudgetExceededException.class,
                () -> budgets.authorize("openai", Cost.usd(500_000)));
        assertEquals(openai.id().toString(), refused.limitId());
        assertEquals(0, refused.spent());
        assertEquals(600_000, refused.reserved());
        assertEquals(500_000, refused.asked());
        assertEquals(1_000_000, refused.limitAmount());
        assertTrue(refused.getMessage().contains("openai"), refused.getMessage());

        // Another provider is held only by the global limit.
        Reservation other = budgets.authorize("stability", "sdxl", Cost.usd(800_000));
        BudgetExceededException byGlobal = assertThrows(BudgetExceededException.class,
                () -> budgets.authorize("stability", Cost.usd(200_000)));
        assertEquals(global.id().toString(), byGlobal.limitId());
        assertEquals(1_400_000, byGlobal.reserved());
        // Another currency is limited by nothing.
        budgets.authorize("openai", Cost.of(9_000_000, "EUR"));

        Reservation cancelled = budgets.cancel(other.id());
        assertEquals(ReservationStatus.CANCELLED, cancelled.status());
        assertEquals(now(), cancelled.settledAt());
        assertThrows(IllegalTransitionException.class, () -> budgets.cancel(other.id()));

        SpendRecord spend = budgets.settle(first.id(), Cost.usd(700_000));
        assertEquals("openai", spend.provider());
        assertEquals("dall-e-3", spend.model());
        assertEquals(first.id(), spend.reservationId());
        Reservation settled = budgets.findReservation(first.id()).orElseThrow();
        assertEquals(ReservationStatus.SETTLED, settled.status());
        assertEquals(spend.id(), settled.spendId());
        assertThrows(IllegalTransitionException.class, () -> budgets.settle(first.id(), Cost.usd(1)));
        assertThrows(IllegalTransitionException.class, () -> budgets.cancel(first.id()));

        BudgetStatus status = budgets.status(openai.id());
        assertEquals(700_000, status.spent());
        assertEquals(0, status.reserved());
        assertEquals(300_000, status.remaining());
        assertEquals(budgets.currentPeriod(BudgetPeriod.DAILY), status.period());
        budgets.authorize("openai", Cost.usd(300_000));
        assertThrows(BudgetExceededException.class, () -> budgets.authorize("openai", Cost.usd(1)));
    }

    @Test
    void unsettledReservationsExpire() {
        Budgets budgets = store.budgets();
        BudgetLimit limit = budgets.setLimit(LimitSpec.provider("openai", BudgetPeriod.MONTHLY, Cost.usd(1_000)));
        Reservation stale = budgets.authorize("openai", Cost.usd(1_000));
        assertThrows(BudgetExceededException.class, () -> budgets.authorize("openai", Cost.usd(1)));
        assertEquals(0, budgets.expireReservations(), "nothing has expired yet");

        clock.advance(BudgetPolicy.DEFAULT.reservationTtl());
        assertEquals(0, budgets.status(limit.id()).reserved(), "an expired reservation stops counting at once");
        Reservation fresh = budgets.authorize("openai", Cost.usd(600));
        assertEquals(1, budgets.expireReservations());
        Reservation expired = budgets.findReservation(stale.id()).orElseThrow();
        assertEquals(ReservationStatus.EXPIRED, expired.status());
        assertEquals(now(), expired.settledAt());
        assertEquals(ReservationStatus.ACTIVE, budgets.findReservation(fresh.id()).orElseThrow().status());
        assertThrows(IllegalTransitionException.class, () -> budgets.cancel(stale.id()));

        // The call was made after all: settling an expired reservation still records what was spent.
        budgets.settle(stale.id(), Cost.usd(300));
        BudgetStatus status = budgets.status(limit.id());
        assertEquals(300, status.spent());
        assertEquals(600, status.reserved());
        assertEquals(100, status.remaining());
    }

    @Test
    void thresholdsAlertOncePerLimitThresholdAndPeriod() {
        Budgets budgets = store.budgets();
        BudgetLimit limit = budgets.setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(100)));
        BudgetLimit soft = budgets.setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(400)).soft().thresholds(10));
        budgets.record(NewSpend.of("openai", "m", Cost.usd(40)));
        List<BudgetAlert> alerts = allAlerts(budgets, 10);
        assertEquals(1, alerts.size());
        assertEquals(soft.id(), alerts.get(0).limitId());
        assertEquals(10, alerts.get(0).threshold());

        budgets.record(NewSpend.of("openai", "m", Cost.usd(10)));
        budgets.record(NewSpend.of("openai", "m", Cost.usd(35)));
        budgets.record(NewSpend.of("openai", "m", Cost.usd(15)));
        budgets.record(NewSpend.of("openai", "m", Cost.usd(15)));
        alerts = allAlerts(budgets, 1);
        assertEquals(List.of(100, 80, 50, 10), alerts.stream().map(BudgetAlert::threshold).toList(), "newest first");
        assertEquals(List.of(limit.id(), limit.id(), limit.id()), alerts.subList(0, 3).stream().map(BudgetAlert::limitId).toList());
        assertEquals(100, alerts.get(0).spent());
        assertEquals(50, alerts.get(2).spent());
        assertEquals(budgets.currentPeriod(BudgetPeriod.DAILY).key(), alerts.get(0).periodKey());

        // A soft limit alerts but does not refuse; the hard one refuses.
        assertThrows(BudgetExceededException.class, () -> budgets.authorize("openai", Cost.usd(1)));
        budgets.authorize("stability", Cost.usd(900));

        // The next day is a new period.
        clock.advance(Duration.ofDays(1));
        budgets.record(NewSpend.of("openai", "m", Cost.usd(60)));
        alerts = allAlerts(budgets, 3);
        assertEquals(6, alerts.size());
        assertEquals(java.util.Set.of(10, 50), java.util.Set.of(alerts.get(0).threshold(), alerts.get(1).threshold()));
        assertEquals(budgets.currentPeriod(BudgetPeriod.DAILY).key(), alerts.get(0).periodKey());
        assertEquals(budgets.currentPeriod(BudgetPeriod.DAILY).key(), alerts.get(1).periodKey());
    }

    @Test
    void dailyPeriodsFollowTheZoneAcrossADaylightSavingChange() {
        // 2025-03-09 is the day New York moves to summer time: it lasts 23 hours, 05:00Z to 04:00Z the next day.
        try (Genstore ny = storeInZone(NEW_YORK)) {
            Budgets budgets = ny.budgets();
            clock.set(Instant.parse("2025-03-09T12:00:00Z"));
            PeriodRange day = budgets.currentPeriod(BudgetPeriod.DAILY);
            assertEquals("2025-03-09", day.key());
            assertEquals(Instant.parse("2025-03-09T05:00:00Z"), day.start());
            assertEquals(Instant.parse("2025-03-10T04:00:00Z"), day.end());
            assertEquals(Duration.ofHours(23), Duration.between(day.start(), day.end()));
            PeriodRange fallBack = BudgetPeriod.DAILY.containing(Instant.parse("2025-11-02T12:00:00Z"), NEW_YORK);
            assertEquals(Duration.ofHours(25), Duration.between(fallBack.start(), fallBack.end()));
            PeriodRange month = budgets.currentPeriod(BudgetPeriod.MONTHLY);
            assertEquals("2025-03", month.key());
            assertEquals(Instant.parse("2025-03-01T05:00:00Z"), month.start());
            assertEquals(Instant.parse("2025-04-01T04:00:00Z"), month.end());

            BudgetLimit limit = ny.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(100)));
            spendAt(ny, "2025-03-09T04:59:59.999999Z", 1); // 23:59:59 on the 8th, local
            spendAt(ny, "2025-03-09T05:00:00Z", 10);       // local midnight: the first instant of the 9th
            spendAt(ny, "2025-03-10T03:59:59.999999Z", 20); // 23:59:59 EDT on the 9th
            spendAt(ny, "2025-03-10T04:00:00Z", 40);       // midnight of the 10th
            clock.set(Instant.parse("2025-03-09T12:00:00Z"));
            assertEquals(30, budgets.status(limit.id()).spent());
            clock.set(Instant.parse("2025-03-10T03:59:59.999999Z"));
            assertEquals(30, budgets.status(limit.id()).spent());
            clock.set(Instant.parse("2025-03-10T04:00:00Z"));
            assertEquals(40, budgets.status(limit.id()).spent());
            assertEquals("2025-03-10", budgets.status(limit.id()).period().key());
            clock.set(Instant.parse("2025-03-09T04:59:59Z"));
            assertEquals(1, budgets.status(limit.id()).spent());
            List<SpendSummary> ninth = budgets.spend(day);
            assertEquals(List.of(new SpendSummary("openai", "m", "USD", 30, 2)), ninth);

            // An authorization late on the short day counts against that day only.
            clock.set(Instant.parse("2025-03-10T03:00:00Z"));
            budgets.authorize("openai", Cost.usd(70));
            assertThrows(BudgetExceededException.class, () -> budgets.authorize("openai", Cost.usd(1)));
            clock.set(Instant.parse("2025-03-10T04:00:00Z"));
            budgets.authorize("openai", Cost.usd(60));
        }
    }

    private void spendAt(Genstore genstore, String instant, long amount) {
        clock.set(Instant.parse(instant));
        genstore.budgets().record(NewSpend.of("openai", "m", Cost.usd(amount)));
    }

    @Test
    void spendIsSummedPerProviderAndModel() {
        Budgets budgets = store.budgets();
        dev.genstore.accounts.UserId ann = newUser("ann@example.com").id();
        dev.genstore.jobs.JobId job = store.jobs().submit(dev.genstore.jobs.NewJob.of(ann, "a fox", "openai", "dall-e-3")).id();
        SpendRecord recorded = budgets.record(NewSpend.of("openai", "dall-e-3", Cost.usd(40)).job(job).user(ann));
        assertEquals(now(), recorded.spentAt());
        budgets.record(NewSpend.of("openai", "dall-e-3", Cost.usd(2)));
        budgets.record(NewSpend.of("openai", "gpt-image-1", Cost.usd(5)));
        budgets.record(NewSpend.of("openai", "gpt-image-1", Cost.of(7, "EUR")));
        Reservation reservation = budgets.authorize("stability", "sdxl", Cost.usd(9));
        budgets.settle(reservation.id(), Cost.usd(8));
        Instant before = now();
        clock.advance(Duration.ofSeconds(1));
        budgets.record(NewSpend.of("openai", "dall-e-3", Cost.usd(1000)));

        assertEquals(List.of(
                new SpendSummary("openai", "dall-e-3", "USD", 42, 2),
                new SpendSummary("openai", "gpt-image-1", "EUR", 7, 1),
                new SpendSummary("openai", "gpt-image-1", "USD", 5, 1),
                new SpendSummary("stability", "sdxl", "USD", 8, 1)), budgets.spend(START.minusSeconds(1), before.plusNanos(1000)));
        assertEquals(List.of(), budgets.spend(START.minusSeconds(10), START.minusSeconds(1)));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        Budgets budgets = store.budgets();
        budgets.setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(100)));
        Reservation reservation = budgets.authorize("openai", Cost.usd(50));
        budgets.record(NewSpend.of("openai", "m", Cost.usd(60)));
        BudgetSnapshot before = budgetSnapshot();
        StoreSnapshot store0 = snapshot();

        assertInvalid("cost", () -> Cost.usd(-1));
        assertInvalid("currency", () -> Cost.of(1, "dollars"));
        assertInvalid("currency", () -> Cost.of(1, null));
        assertInvalid("provider", () -> budgets.authorize("no spaces allowed", Cost.usd(1)));
        assertInvalid("provider", () -> budgets.authorize(null, Cost.usd(1)));
        assertInvalid("estimate", () -> budgets.authorize("openai", Cost.usd(0)));
        assertInvalid("estimate", () -> budgets.authorize("openai", null));
        assertInvalid("model", () -> budgets.authorize("openai", " ", Cost.usd(1)));
        assertInvalid("amount", () -> budgets.setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(0))));
        assertInvalid("thresholds", () -> budgets.setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(5)).thresholds(0)));
        assertInvalid("thresholds", () -> budgets.setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(5)).thresholds(50, null)));
        assertInvalid("period", () -> budgets.setLimit(LimitSpec.global(null, Cost.usd(5))));
        assertInvalid("limit", () -> budgets.setLimit(null));
        assertInvalid("model", () -> budgets.record(NewSpend.of("openai", null, Cost.usd(1))));
        assertInvalid("actual", () -> budgets.settle(reservation.id(), Cost.of(1, "EUR")));
        assertInvalid("reservationId", () -> budgets.settle(null, Cost.usd(1)));
        assertInvalid("to", () -> budgets.spend(START, START.minusSeconds(1)));
        assertInvalid("cursor", () -> budgets.alerts(PageRequest.after("bm9wZQ", 5)));
        assertThrows(NotFoundException.class, () -> budgets.settle(ReservationId.of(UUID.randomUUID()), Cost.usd(1)));
        assertThrows(NotFoundException.class, () -> budgets.record(NewSpend.of("openai", "m", Cost.usd(1))
                .user(dev.genstore.accounts.UserId.of(UUID.randomUUID()))));
        assertThrows(BudgetExceededException.class, () -> budgets.authorize("openai", Cost.usd(1)));

        assertEquals(before, budgetSnapshot());
        assertUnchanged(store0);
        assertEquals(ReservationStatus.ACTIVE, budgets.findReservation(reservation.id()).orElseThrow().status());
    }

    @Test
    void budgetsJoinTheCallersTransaction() {
        BudgetLimit limit = store.budgets().setLimit(LimitSpec.provider("openai", BudgetPeriod.DAILY, Cost.usd(100)));
        assertThrows(IllegalStateException.class, () -> store.useTransaction(tx -> {
            tx.budgets().authorize("openai", Cost.usd(60));
            tx.budgets().record(NewSpend.of("openai", "m", Cost.usd(90)));
            throw new IllegalStateException("the provider call failed");
        }));
        BudgetStatus status = store.budgets().status(limit.id());
        assertEquals(0, status.spent());
        assertEquals(0, status.reserved());
        assertEquals(List.of(), allAlerts(store.budgets(), 5));
    }

    @Test
    void everyMethodRefusesNullsNamingTheArgument() {
        Budgets budgets = store.budgets();
        budgets.setLimit(LimitSpec.global(BudgetPeriod.DAILY, Cost.usd(100)));
        BudgetSnapshot before = budgetSnapshot();
        assertInvalid("limitId", () -> budgets.removeLimit(null));
        assertInvalid("limitId", () -> budgets.status(null));
        assertInvalid("spend", () -> budgets.record(null));
        assertInvalid("provider", () -> budgets.record(NewSpend.of(null, "m", Cost.usd(1))));
        assertInvalid("cost", () -> budgets.record(NewSpend.of("openai", "m", null)));
        assertInvalid("model", () -> budgets.authorize("openai", null, Cost.usd(1)));
        assertInvalid("estimate", () -> budgets.authorize("openai", "m", null));
        assertInvalid("actual", () -> budgets.settle(ReservationId.of(UUID.randomUUID()), null));
        assertInvalid("reservationId", () -> budgets.cancel(null));
        assertInvalid("reservationId", () -> budgets.findReservation(null));
        assertInvalid("period", () -> budgets.currentPeriod(null));
        assertInvalid("period", () -> budgets.spend(null));
        assertInvalid("from", () -> budgets.spend(null, START));
        assertInvalid("to", () -> budgets.spend(START, null));
        assertInvalid("page", () -> budgets.alerts(null));
        assertInvalid("amount", () -> budgets.setLimit(LimitSpec.global(BudgetPeriod.DAILY, null)));
        assertInvalid("reservationId", () -> ReservationId.of(null));
        assertEquals(before, budgetSnapshot());
    }
}
