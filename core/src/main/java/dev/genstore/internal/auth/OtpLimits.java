package dev.genstore.internal.auth;

import dev.genstore.auth.OtpPolicy;
import dev.genstore.errors.RateLimitedException;
import dev.genstore.spi.OtpLimitRecord;
import java.time.Duration;
import java.time.Instant;

/**
 * The per-email limits of {@link OtpPolicy} applied to an email's stored counters: fixed windows that start at the
 * first counted event after the previous window ended. Pure functions; {@link OtpService} locks, reads and stores.
 */
final class OtpLimits {
    /** The {@link RateLimitedException#limit()} of too many codes issued. */
    static final String ISSUES = "otp.issues";
    /** The {@link RateLimitedException#limit()} of too many refused verifications. */
    static final String FAILURES = "otp.failures";

    private OtpLimits() {
    }

    /**
     * The counters after one more code is issued at {@code now}.
     *
     * @throws RateLimitedException when the email used up its codes for the issue window, or its refused
     *                              verifications for the failure window (a new code could not be verified then)
     */
    static OtpLimitRecord afterIssue(OtpLimitRecord limits, Instant now, OtpPolicy policy) {
        requireVerificationsLeft(limits, now, policy);
        if (now.isBefore(limits.issueWindowEnd())) {
            if (limits.issues() >= policy.maxIssues()) {
                throw refused(ISSUES, "sign-in code request", limits.issueWindowEnd(), now);
            }
            return new OtpLimitRecord(limits.email(), limits.issueWindowEnd(), limits.issues() + 1,
                    limits.failureWindowEnd(), limits.failures());
        }
        return new OtpLimitRecord(limits.email(), now.plus(policy.issueWindow()), 1, limits.failureWindowEnd(),
                limits.failures());
    }

    /** @throws RateLimitedException when the email used up its refused verifications for the failure window */
    static void requireVerificationsLeft(OtpLimitRecord limits, Instant now, OtpPolicy policy) {
        if (now.isBefore(limits.failureWindowEnd()) && limits.failures() >= policy.maxFailures()) {
            throw refused(FAILURES, "sign-in code verification", limits.failureWindowEnd(), now);
        }
    }

    /** The counters after one more refused verification at {@code now}. */
    static OtpLimitRecord afterFailure(OtpLimitRecord limits, Instant now, OtpPolicy policy) {
        if (now.isBefore(limits.failureWindowEnd())) {
            return new OtpLimitRecord(limits.email(), limits.issueWindowEnd(), limits.issues(),
                    limits.failureWindowEnd(), limits.failures() + 1);
        }
        return new OtpLimitRecord(limits.email(), limits.issueWindowEnd(), limits.issues(),
                now.plus(policy.failureWindow()), 1);
    }

    private static RateLimitedException refused(String limit, String what, Instant retryAt, Instant now) {
        return new RateLimitedException(limit, what, retryAt, Duration.between(now, retryAt));
    }
}
