package dev.genstore.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Makes version-7 UUIDs: 48 bits of Unix milliseconds, then random bits. Ids made by one generator are strictly
 * increasing even when the clock stands still or steps back (a fixed test clock, say): within one millisecond the
 * 12-bit {@code rand_a} field counts up, and the timestamp borrows from the future when it overflows (RFC 9562,
 * method 3).
 */
public final class Uuid7 {
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    public Uuid7(Clock clock) {
        this.clock = clock;
    }

    /** The next id: greater than every id this generator made before. */
    public synchronized UUID next() {
        long millis = clock.millis();
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = random.nextInt(1 << 11); // leave headroom for increments within this millisecond
        } else if (++counter > 0xFFF) {
            lastMillis++;
            counter = 0;
        }
        long msb = (lastMillis << 16) | 0x7000L | counter;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
