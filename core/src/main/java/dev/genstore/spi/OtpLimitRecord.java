package dev.genstore.spi;

import java.time.Instant;

/**
 * The sign-in-code counters of one email, stored so that the limits hold across processes and instances: codes issued
 * in the current issue window, and refused verifications in the current failure window. Fixed windows: a window
 * starts at the first counted event after the previous one ended, and its end is stored.
 *
 * @param email            normalized email
 * @param issueWindowEnd   when the current issue window ends (a past instant when none is running)
 * @param issues           codes issued in it
 * @param failureWindowEnd when the current failure window ends (a past instant when none is running)
 * @param failures         refused verifications in it
 */
public record OtpLimitRecord(String email, Instant issueWindowEnd, int issues, Instant failureWindowEnd, int failures) {
}
