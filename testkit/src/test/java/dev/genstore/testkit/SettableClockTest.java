package dev.genstore.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class SettableClockTest {
    @Test
    void standsStillUntilMoved() {
        SettableClock clock = SettableClock.fixed();
        assertEquals(SettableClock.DEFAULT_START, clock.instant());
        assertEquals(SettableClock.DEFAULT_START, clock.instant(), "no time passes by itself");
        assertEquals(ZoneOffset.UTC, clock.getZone());

        assertEquals(Instant.parse("2025-01-01T00:10:00Z"), clock.advance(Duration.ofMinutes(10)));
        assertEquals(Instant.parse("2025-01-01T00:10:00Z"), clock.instant());
        assertEquals(Instant.parse("2025-01-01T00:05:00Z"), clock.advance(Duration.ofMinutes(-5)));

        clock.set(Instant.parse("2030-06-01T12:00:00Z"));
        assertEquals(Instant.parse("2030-06-01T12:00:00Z"), clock.instant());
        assertEquals(clock.instant().toEpochMilli(), clock.millis());
    }

    @Test
    void zonedCopiesShareTheTime() {
        SettableClock utc = SettableClock.at(Instant.parse("2025-03-09T06:00:00Z"));
        SettableClock newYork = utc.withZone(ZoneId.of("America/New_York"));
        assertEquals(ZoneId.of("America/New_York"), newYork.getZone());
        utc.advance(Duration.ofHours(1));
        assertEquals(utc.instant(), newYork.instant());
    }

    @Test
    void microsAreWhatGenstoreRecords() {
        SettableClock clock = SettableClock.at(Instant.parse("2025-01-01T00:00:00.123456789Z"));
        assertEquals(Instant.parse("2025-01-01T00:00:00.123456Z"), clock.instantMicros());
    }

    @Test
    void nullsAreRefused() {
        assertThrows(InvalidInputException.class, () -> SettableClock.at(null));
        assertThrows(InvalidInputException.class, () -> SettableClock.fixed().set(null));
        assertThrows(InvalidInputException.class, () -> SettableClock.fixed().advance(null));
    }
}
