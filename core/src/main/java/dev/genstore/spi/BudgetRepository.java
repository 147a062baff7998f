package dev.genstore.spi;

import dev.genstore.budget.AlertId;
import dev.genstore.budget.BudgetAlert;
import dev.genstore.budget.BudgetLimit;
import dev.genstore.budget.BudgetLimitId;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Reservation;
import dev.genstore.budget.ReservationId;
import dev.genstore.budget.ReservationStatus;
import dev.genstore.budget.SpendId;
import dev.genstore.budget.SpendRecord;
import dev.genstore.budget.SpendSummary;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of budget limits, spend, reservations and alerts. A provider of {@code null} means global. Checks against a
 * limit happen after {@link #lockLimits} in the same transaction, so a backend serializes them per limit.
 */
public interface BudgetRepository {
    void insertLimit(BudgetLimit limit);

    void updateLimit(BudgetLimit limit);

    Optional<BudgetLimit> findLimit(BudgetLimitId id);

    Optional<BudgetLimit> findLimit(String provider, BudgetPeriod period, String currency);

    /** Every limit, ordered by id. */
    List<BudgetLimit> limits();

    /** Deletes the limit and its alerts; false when there was none. */
    boolean deleteLimit(BudgetLimitId id);

    /** The limits of this provider and the global ones in this currency, ordered by id, locked until the transaction ends. */
    List<BudgetLimit> lockLimits(String provider, String currency);

    /** Spend of the provider (all providers when null) in the currency with a time in {@code [from, to)}. */
    long spent(String provider, String currency, Instant from, Instant to);

    /** Active reservations of the provider (all when null) in the currency, created in {@code [from, to)}, expiring after {@code now}. */
    long reserved(String provider, String currency, Instant from, Instant to, Instant now);

    void insertSpend(SpendRecord spend);

    void insertReservation(Reservation reservation);

    Optional<Reservation> findReservation(ReservationId id);

    /** The reservation, locked until the transaction ends. */
    Optional<Reservation> lockReservation(ReservationId id);

    void updateReservation(ReservationId id, ReservationStatus status, Instant settledAt, SpendId spendId);

    /** Marks ACTIVE reservations expiring at or before {@code now} as EXPIRED at {@code now}; returns how many. */
    int expireReservations(Instant now);

    boolean alertExists(BudgetLimitId limit, String periodKey, int threshold);

    void insertAlert(BudgetAlert alert);

    /** Alerts with an id below {@code before} (all when null), newest first, at most {@code limit}. */
    List<BudgetAlert> alertsBefore(AlertId before, int limit);

    /** Spend per provider, model and currency in {@code [from, to)}, ordered by provider, model, currency. */
    List<SpendSummary> spendSummary(Instant from, Instant to);
}
