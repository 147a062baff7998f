package dev.genstore.budget;

import java.time.Instant;

/**
 * One calendar period: {@code [start, end)}.
 *
 * @param period the kind of period
 * @param key    {@code 2025-03-09} for a day, {@code 2025-03} for a month (local dates in the budget's zone)
 * @param start  the first instant of the period
 * @param end    the first instant after it
 */
public record PeriodRange(BudgetPeriod period, String key, Instant start, Instant end) {
    /** True when {@code instant} falls in this period. */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
