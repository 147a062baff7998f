package dev.genstore.auth;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;

/**
 * How one-time codes are made and checked.
 *
 * @param codeLength  digits per code, 4 to 12 (default 6)
 * @param timeToLive  how long a code stays valid (default 10 minutes)
 * @param maxAttempts wrong guesses allowed per challenge before it locks (default 5)
 */
public record OtpPolicy(int codeLength, Duration timeToLive, int maxAttempts) {
    /** Six digits, ten minutes, five attempts. */
    public static final OtpPolicy DEFAULT = new OtpPolicy(6, Duration.ofMinutes(10), 5);

    public OtpPolicy {
        if (codeLength < 4 || codeLength > 12) {
            throw new InvalidInputException("codeLength", "must be between 4 and 12, was " + codeLength);
        }
        if (timeToLive == null || timeToLive.isNegative() || timeToLive.isZero()) {
            throw new InvalidInputException("timeToLive", "must be positive, was " + timeToLive);
        }
        if (maxAttempts < 1) {
            throw new InvalidInputException("maxAttempts", "must be at least 1, was " + maxAttempts);
        }
    }
}
