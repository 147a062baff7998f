package dev.genstore.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Calendar periods in a budget's zone, daylight-saving changes included. */
class BudgetPeriodTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDayRunsFromLocalMidnightToLocalMidnight() {
        PeriodRange day = BudgetPeriod.DAILY.containing(Instant.parse("2025-03-09T23:30:00Z"), BERLIN);
        assertEquals("2025-03-10", day.key());
        assertEquals(Instant.parse("2025-03-09T23:00:00Z"), day.start());
        assertEquals(Instant.parse("2025-03-10T23:00:00Z"), day.end());
        assertTrue(day.contains(day.start()));
        assertFalse(day.contains(day.end()));
    }

    @Test
    void theDayOfADaylightSavingChangeIsShorterOrLonger() {
        assertEquals(Duration.ofHours(23), length(BudgetPeriod.DAILY.containing(Instant.parse("2025-03-30T12:00:00Z"), BERLIN)));
        assertEquals(Duration.ofHours(25), length(BudgetPeriod.DAILY.containing(Instant.parse("2025-10-26T12:00:00Z"), BERLIN)));
    }

    @Test
    void aMonthRunsFromTheFirstToTheFirstOfTheNext() {
        PeriodRange month = BudgetPeriod.MONTHLY.containing(Instant.parse("2024-02-29T12:00:00Z"), ZoneId.of("UTC"));
        assertEquals("2024-02", month.key());
        assertEquals(Instant.parse("2024-02-01T00:00:00Z"), month.start());
        assertEquals(Instant.parse("2024-03-01T00:00:00Z"), month.end());
        assertEquals(BudgetPeriod.MONTHLY, month.period());
    }

    @Test
    void theZoneDecidesWhichPeriodAnInstantFallsIn() {
        Instant newYearInTokyo = Instant.parse("2024-12-31T16:00:00Z");
        assertEquals("2025-01", BudgetPeriod.MONTHLY.containing(newYearInTokyo, ZoneId.of("Asia/Tokyo")).key());
        assertEquals("2024-12", BudgetPeriod.MONTHLY.containing(newYearInTokyo, ZoneId.of("UTC")).key());
    }

    private static Duration length(PeriodRange range) {
        return Duration.between(range.start(), range.end());
    }
}
