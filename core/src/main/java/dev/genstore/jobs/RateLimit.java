package dev.genstore.jobs;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;

/**
 * A provider's rate limit: at most {@code maxClaims} claims of its jobs in any window of length {@code window} (a
 * sliding window: counted back from each claim, not in calendar slots), whichever worker or process claims them.
 * AI providers limit requests per minute: {@code RateLimit.of(60, Duration.ofMinutes(1))}.
 *
 * @param maxClaims 1 or more
 * @param window    from 1 second to 1 day, in whole milliseconds
 */
public record RateLimit(int maxClaims, Duration window) {
    /** The shortest window accepted. */
    public static final Duration MIN_WINDOW = Duration.ofSeconds(1);
    /** The longest window accepted. */
    public static final Duration MAX_WINDOW = Duration.ofDays(1);

    /**
     * @throws InvalidInputException ({@code maxClaims} or {@code window}) for fewer than 1 claim, or a window that is
     *                               null, shorter than 1 second, longer than 1 day or not whole milliseconds
     */
    public RateLimit {
        if (maxClaims < 1) {
            throw new InvalidInputException("maxClaims", "must be at least 1, was " + maxClaims);
        }
        if (window == null) {
            throw new InvalidInputException("window", "must not be null");
        }
        if (window.compareTo(MIN_WINDOW) < 0 || window.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException("window", "must be between 1 second and 1 day, was " + window);
        }
        if (window.getNano() % 1_000_000 != 0) {
            throw new InvalidInputException("window", "must be whole milliseconds, was " + window);
        }
    }

    /** At most {@code maxClaims} claims in any {@code window}; see the constructor for what is refused. */
    public static RateLimit of(int maxClaims, Duration window) {
        return new RateLimit(maxClaims, window);
    }
}
