package dev.genstore.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** The calendar period a limit applies to, in the budget's time zone. */
public enum BudgetPeriod {
    /** From local midnight to the next local midnight: 23 or 25 hours on a daylight-saving change. */
    DAILY,
    /** From local midnight of the first of the month to that of the next month. */
    MONTHLY;

    /** The period of this kind that contains {@code instant} in {@code zone}. */
    public PeriodRange containing(Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        LocalDate first = this == DAILY ? day : day.withDayOfMonth(1);
        LocalDate next = this == DAILY ? first.plusDays(1) : first.plusMonths(1);
        ZonedDateTime start = first.atStartOfDay(zone);
        ZonedDateTime end = next.atStartOfDay(zone);
        String key = this == DAILY ? first.toString() : first.toString().substring(0, 7);
        return new PeriodRange(this, key, start.toInstant(), end.toInstant());
    }
}
