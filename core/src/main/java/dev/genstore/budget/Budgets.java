package dev.genstore.budget;

import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Provider budgets: spend records, daily and monthly limits per provider or global on calendar periods of the
 * {@link BudgetPolicy}'s zone, alerts at thresholds, and reservations that enforce hard limits before a provider is
 * called. Every method is one transaction (or joins the caller's {@code genstore.transaction}).
 *
 * <p>Concurrent {@link #authorize} calls never reserve past a hard limit: each locks the limit rows it checks. An
 * alert is recorded once per limit, threshold and period, however many threads cross it at once. Alerts can be read
 * with {@link #alerts} or pushed: a {@link BudgetAlertListener} given to {@code Genstore.builder().budgetAlertListener}
 * hears each one after the transaction that recorded it commits.
 */
public interface Budgets {
    /** Sets the limit of a scope (a provider, or global), period and currency: creates it, or changes its amount, thresholds and hardness. */
    BudgetLimit setLimit(LimitSpec spec);

    /** Every limit, in creation order. */
    List<BudgetLimit> limits();

    /** Removes a limit and its alert history. @throws dev.genstore.errors.NotFoundException when there is none */
    void removeLimit(BudgetLimitId id);

    /**
     * Records spend made without a reservation, and any alerts it triggers.
     *
     * @throws dev.genstore.errors.NotFoundException for an unknown user, or a job that is not the given user's (one
     *                                               user's spend is never tied to another user's job); nothing is recorded
     */
    SpendRecord record(NewSpend spend);

    /** Like {@link #authorize(String, String, Cost)} with the model {@code "unspecified"}. */
    Reservation authorize(String provider, Cost estimate);

    /**
     * Reserves {@code estimate} against every hard limit of the provider and every global hard limit in the estimate's
     * currency, or reserves nothing and throws.
     *
     * @throws dev.genstore.errors.BudgetExceededException naming the first limit that spend plus live reservations plus
     *                                                     the estimate would exceed
     */
    Reservation authorize(String provider, String model, Cost estimate);

    /**
     * Replaces a reservation's estimate with what the call actually cost: records the spend (and its alerts) and marks
     * the reservation settled. An expired reservation may still be settled: the money was spent.
     *
     * @throws dev.genstore.errors.IllegalTransitionException when it was already settled or cancelled
     * @throws dev.genstore.errors.InvalidInputException      when the currency differs from the estimate's
     */
    SpendRecord settle(ReservationId id, Cost actual);

    /** Releases a reservation unused. @throws dev.genstore.errors.IllegalTransitionException unless it is active */
    Reservation cancel(ReservationId id);

    /** The reservation, if it exists. */
    Optional<Reservation> findReservation(ReservationId id);

    /** Marks active reservations whose expiry has passed as EXPIRED (they already stopped counting); returns how many. */
    int expireReservations();

    /** The period of this kind containing the clock's current time. */
    PeriodRange currentPeriod(BudgetPeriod period);

    /** Spend per provider, model and currency with a time in {@code [from, to)}, ordered by provider, model, currency. */
    List<SpendSummary> spend(Instant from, Instant to);

    /** Spend per provider, model and currency in the period. */
    default List<SpendSummary> spend(PeriodRange period) {
        if (period == null) {
            throw new dev.genstore.errors.InvalidInputException("period", "must not be null");
        }
        return spend(period.start(), period.end());
    }

    /** Where the limit stands in its current period: spent, reserved and remaining. */
    BudgetStatus status(BudgetLimitId id);

    /** {@link #status} of every limit, in creation order. */
    List<BudgetStatus> statuses();

    /** Alerts, newest first. */
    Page<BudgetAlert> alerts(PageRequest page);
}
