package dev.genstore.spi;

import java.time.Instant;

/**
 * The sign-in-code counters of one email, stored so that the limits hold across processes and instances: codes issued
 * in the current issue window, and refused verifications in the current failure window. Fixed windows that start at
 * the first counted event after the previous window ended.
 *
 * @param email              normalized email
 * @param issueWindowStart   when the current issue window began
 * @param issues             codes issued in it
 * @param failureWindowStart when the current failure window began
 * @param failures           refused verifications in it
 */
public record OtpLimitRecord(String email, Instant issueWindowStart, int issues, Instant failureWindowStart, int failures) {
}
