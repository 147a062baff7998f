package dev.genstore.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until the test moves it, for testing what depends on time (code expiry, hold
 * expiry, leases, budget periods, cache time-to-live) without sleeping: give it to the store with
 * {@code Genstore.builder().clock(clock)}, then {@link #advance} it past the moment that matters.
 *
 * <p>Thread-safe: a store's worker threads and the test see one time. Clocks made by {@link #withZone} share it. genstore
 * keeps instants to the microsecond, so compare with {@link #instantMicros()} what the store recorded.
 */
public final class SettableClock extends Clock {
    /** Where {@link #fixed()} clocks stand: a fixed, readable instant. */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    private SettableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Arguments.notNull("zone", zone);
    }

    /** A clock standing at {@code start}, in {@code zone}. */
    public static SettableClock at(Instant start, ZoneId zone) {
        return new SettableClock(new AtomicReference<>(Arguments.notNull("start", start)), zone);
    }

    /** A clock standing at {@code start}, in UTC. */
    public static SettableClock at(Instant start) {
        return at(start, ZoneOffset.UTC);
    }

    /** A clock standing at {@link #DEFAULT_START} (2025-01-01T00:00:00Z), in UTC. */
    public static SettableClock fixed() {
        return at(DEFAULT_START);
    }

    /** A clock standing at the current time of the system clock, in UTC. */
    public static SettableClock startingNow() {
        return at(Instant.now());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** A clock in another zone that shares this clock's time (moving one moves both). */
    @Override
    public SettableClock withZone(ZoneId newZone) {
        return new SettableClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** The current instant truncated to microseconds: what genstore records for "now". */
    public Instant instantMicros() {
        return now.get().truncatedTo(ChronoUnit.MICROS);
    }

    /** Moves the clock to {@code instant} (backwards too). */
    public void set(Instant instant) {
        now.set(Arguments.notNull("instant", instant));
    }

    /**
     * Moves the clock by {@code duration} (a negative one moves it back) and returns the new time.
     */
    public Instant advance(Duration duration) {
        Arguments.notNull("duration", duration);
        return now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public String toString() {
        return "SettableClock[" + now.get() + ", " + zone + "]";
    }
}
