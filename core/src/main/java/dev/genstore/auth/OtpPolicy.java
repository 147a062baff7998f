package dev.genstore.auth;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;

/**
 * How one-time codes are made and checked, and how often one email may ask for codes and fail to verify them. The
 * limits per email are kept in the database, so they hold across processes and app instances; a refusal throws
 * {@link dev.genstore.errors.RateLimitedException} saying when to try again.
 *
 * <p>With the defaults (6 digits, 10 refused verifications per email per 24 hours) a guesser has a 10 in a million
 * chance a day, about 0.4 % a year, however often new codes are issued.
 *
 * @param codeLength    digits per code, 4 to 12 (default 6)
 * @param timeToLive    how long a code stays valid (default 10 minutes)
 * @param maxAttempts   wrong guesses allowed per challenge before it locks (default 5)
 * @param maxIssues     codes one email may be issued per {@code issueWindow} (default 5)
 * @param issueWindow   the window of {@code maxIssues} (default 1 hour)
 * @param maxFailures   refused verifications (a wrong, expired, used or missing code) one email may have per
 *                      {@code failureWindow}, across all its challenges (default 10)
 * @param failureWindow the window of {@code maxFailures} (default 24 hours)
 */
public record OtpPolicy(int codeLength, Duration timeToLive, int maxAttempts, int maxIssues, Duration issueWindow,
                        int maxFailures, Duration failureWindow) {
    /** The longest time to live and window accepted; declared first, as {@link #DEFAULT} is checked against it. */
    private static final Duration MAX_WINDOW = Duration.ofDays(366);
    /** The default limit of codes per email per {@link #DEFAULT_ISSUE_WINDOW}. */
    public static final int DEFAULT_MAX_ISSUES = 5;
    /** The default window of the issue limit. */
    public static final Duration DEFAULT_ISSUE_WINDOW = Duration.ofHours(1);
    /** The default limit of refused verifications per email per {@link #DEFAULT_FAILURE_WINDOW}. */
    public static final int DEFAULT_MAX_FAILURES = 10;
    /** The default window of the failure limit. */
    public static final Duration DEFAULT_FAILURE_WINDOW = Duration.ofHours(24);
    /** Six digits, ten minutes, five attempts; 5 codes per hour and 10 refused verifications per day per email. */
    public static final OtpPolicy DEFAULT = new OtpPolicy(6, Duration.ofMinutes(10), 5);

    public OtpPolicy {
        if (codeLength < 4 || codeLength > 12) {
            throw new InvalidInputException("codeLength", "must be between 4 and 12, was " + codeLength);
        }
        positive("timeToLive", timeToLive);
        if (maxAttempts < 1) {
            throw new InvalidInputException("maxAttempts", "must be at least 1, was " + maxAttempts);
        }
        if (maxIssues < 1) {
            throw new InvalidInputException("maxIssues", "must be at least 1, was " + maxIssues);
        }
        positive("issueWindow", issueWindow);
        if (maxFailures < 1) {
            throw new InvalidInputException("maxFailures", "must be at least 1, was " + maxFailures);
        }
        positive("failureWindow", failureWindow);
    }

    /** A policy with the default limits per email ({@link #DEFAULT_MAX_ISSUES}, {@link #DEFAULT_MAX_FAILURES}). */
    public OtpPolicy(int codeLength, Duration timeToLive, int maxAttempts) {
        this(codeLength, timeToLive, maxAttempts, DEFAULT_MAX_ISSUES, DEFAULT_ISSUE_WINDOW, DEFAULT_MAX_FAILURES,
                DEFAULT_FAILURE_WINDOW);
    }

    /** This policy with other limits per email. */
    public OtpPolicy limits(int issues, Duration perIssueWindow, int failures, Duration perFailureWindow) {
        return new OtpPolicy(codeLength, timeToLive, maxAttempts, issues, perIssueWindow, failures, perFailureWindow);
    }

    private static void positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero() || value.compareTo(MAX_WINDOW) > 0) {
            throw new InvalidInputException(field, "must be positive and at most 366 days, was " + value);
        }
    }
}
