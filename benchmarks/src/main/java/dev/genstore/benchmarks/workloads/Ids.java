package dev.genstore.benchmarks.workloads;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Version-7 UUIDs as genstore makes them (48 bits of Unix milliseconds, a 12-bit counter within the millisecond, then
 * random bits from a {@link SecureRandom}): for the baselines' new rows, and for rows bulk-loaded at chosen times.
 */
final class Ids {
    private final SecureRandom random = new SecureRandom();
    private long lastMillis = -1;
    private int counter;

    /** The next id for now: greater than every id this generator made before. */
    synchronized UUID next() {
        return at(System.currentTimeMillis());
    }

    /** The next id for {@code millis} (or later, if ids for later times were made already). */
    synchronized UUID at(long millis) {
        if (millis > lastMillis) {
            lastMillis = millis;
            counter = random.nextInt(1 << 11);
        } else if (++counter > 0xFFF) {
            lastMillis++;
            counter = 0;
        }
        long msb = (lastMillis << 16) | 0x7000L | counter;
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** The millisecond an id made here (or by genstore) carries. */
    static long millisOf(UUID id) {
        return id.getMostSignificantBits() >>> 16;
    }
}
