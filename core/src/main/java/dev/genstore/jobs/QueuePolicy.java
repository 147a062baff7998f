package dev.genstore.jobs;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;

/**
 * How a retryable failure is delayed: {@code baseBackoff × 2^(attempt − 1)}, capped at {@code maxBackoff}, then
 * spread by ± {@code jitter} (a fraction) so that failed jobs do not come back in lockstep.
 *
 * @param baseBackoff the delay after a first failed attempt (default 1 s)
 * @param maxBackoff  the longest delay (default 10 min)
 * @param jitter      0 to 1 (default 0.2)
 */
public record QueuePolicy(Duration baseBackoff, Duration maxBackoff, double jitter) {
    /** 1 s doubling to 10 min, ± 20 %. */
    public static final QueuePolicy DEFAULT = new QueuePolicy(Duration.ofSeconds(1), Duration.ofMinutes(10), 0.2);

    public QueuePolicy {
        if (baseBackoff == null || baseBackoff.isNegative()) {
            throw new InvalidInputException("baseBackoff", "must be zero or positive, was " + baseBackoff);
        }
        if (maxBackoff == null || maxBackoff.compareTo(baseBackoff) < 0) {
            throw new InvalidInputException("maxBackoff", "must be at least baseBackoff, was " + maxBackoff);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new InvalidInputException("jitter", "must be between 0 and 1, was " + jitter);
        }
    }

    /** The delay before attempt {@code failedAttempt + 1}, given a random number in [0, 1). */
    public Duration backoff(int failedAttempt, double random) {
        long base = baseBackoff.toMillis();
        int doublings = Math.min(Math.max(failedAttempt - 1, 0), 40);
        long millis = base > (maxBackoff.toMillis() >> doublings) ? maxBackoff.toMillis() : base << doublings;
        millis = Math.min(millis, maxBackoff.toMillis());
        double spread = 1 + jitter * (2 * random - 1);
        return Duration.ofMillis(Math.round(millis * spread));
    }
}
