package dev.genstore.contract;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link Clock} that stands still until a test moves it: {@link #set} or {@link #advance}. Thread-safe; clocks made
 * by {@link #withZone} share the same time.
 */
public final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    /** A clock standing at {@code start}, in {@code zone}. */
    public MutableClock(Instant start, ZoneId zone) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), zone);
    }

    private MutableClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId newZone) {
        return new MutableClock(now, newZone);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    /** Moves the clock to {@code instant} (backwards too). */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    /** Moves the clock forward by {@code duration} and returns the new time. */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return now.updateAndGet(t -> t.plus(duration));
    }

    @Override
    public String toString() {
        return "MutableClock[" + now.get() + ", " + zone + "]";
    }
}
