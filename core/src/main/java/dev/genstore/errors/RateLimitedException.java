package dev.genstore.errors;

import java.time.Duration;
import java.time.Instant;

/**
 * Too many attempts of something limited per subject and time window (sign-in codes issued or refused for one email);
 * nothing was done. {@link #retryAt()} says when the window that refused it ends. The message names neither the
 * subject nor any code, so it is safe to show.
 */
public class RateLimitedException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    private final String limit;
    private final Instant retryAt;
    private final Duration retryAfter;

    /**
     * @param limit      which limit refused, e.g. {@code "otp.issues"}
     * @param what       what was refused, in words, for the message
     * @param retryAt    when the next attempt can succeed
     * @param retryAfter how long from now that is
     */
    public RateLimitedException(String limit, String what, Instant retryAt, Duration retryAfter) {
        super(what + ": too many attempts; try again after " + retryAt + " (in " + describe(retryAfter) + ")");
        this.limit = limit;
        this.retryAt = retryAt;
        this.retryAfter = retryAfter;
    }

    private static String describe(Duration d) {
        long seconds = Math.max(1, (d.toMillis() + 999) / 1000);
        if (seconds < 120) {
            return seconds + " s";
        }
        long minutes = (seconds + 59) / 60;
        return minutes < 120 ? minutes + " min" : (minutes + 59) / 60 + " h";
    }

    /** Which limit refused: {@code otp.issues} or {@code otp.failures}. */
    public String limit() {
        return limit;
    }

    /** When the next attempt can succeed (the end of the window that is full). */
    public Instant retryAt() {
        return retryAt;
    }

    /** How long from the refusal until {@link #retryAt()}; for an HTTP {@code Retry-After} header. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
