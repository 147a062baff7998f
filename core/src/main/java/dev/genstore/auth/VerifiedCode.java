package dev.genstore.auth;

import java.time.Instant;

/**
 * A code that matched: the challenge is now used and cannot verify again.
 *
 * @param challengeId the challenge that was used
 * @param email       the normalized email the code was issued for
 * @param verifiedAt  when it was verified
 */
public record VerifiedCode(ChallengeId challengeId, String email, Instant verifiedAt) {
}
