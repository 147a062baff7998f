package dev.genstore.budget;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * How budgets count: the time zone of daily and monthly periods, how long an unsettled reservation holds budget, and
 * the alert thresholds of a limit that names none.
 *
 * @param zone              the zone whose calendar days and months the periods follow
 * @param reservationTtl    how long a reservation counts against limits unless settled or cancelled
 * @param defaultThresholds alert thresholds in percent
 */
public record BudgetPolicy(ZoneId zone, Duration reservationTtl, List<Integer> defaultThresholds) {
    /** UTC, 15-minute reservations, alerts at 50, 80 and 100 %. */
    public static final BudgetPolicy DEFAULT = new BudgetPolicy(ZoneId.of("UTC"), Duration.ofMinutes(15), List.of(50, 80, 100));

    public BudgetPolicy {
        if (zone == null) {
            throw new InvalidInputException("zone", "must not be null");
        }
        if (reservationTtl == null || reservationTtl.isNegative() || reservationTtl.isZero()) {
            throw new InvalidInputException("reservationTtl", "must be positive, was " + reservationTtl);
        }
        if (defaultThresholds == null) {
            throw new InvalidInputException("defaultThresholds", "must not be null");
        }
        defaultThresholds = List.copyOf(defaultThresholds);
    }

    /** The same policy in another zone. */
    public BudgetPolicy withZone(ZoneId newZone) {
        return new BudgetPolicy(newZone, reservationTtl, defaultThresholds);
    }

    /** The same policy with another reservation lifetime. */
    public BudgetPolicy withReservationTtl(Duration ttl) {
        return new BudgetPolicy(zone, ttl, defaultThresholds);
    }
}
