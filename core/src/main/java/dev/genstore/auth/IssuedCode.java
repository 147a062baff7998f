package dev.genstore.auth;

import java.time.Instant;

/**
 * A freshly issued one-time code. This is the only place the code exists in clear: genstore stores only a salted
 * hash, and {@link #toString()} masks the code so it cannot reach a log by accident.
 *
 * @param challengeId the challenge the code belongs to
 * @param email       the normalized email it was issued for
 * @param code        the code to send to the user
 * @param expiresAt   after this instant the code is refused
 */
public record IssuedCode(ChallengeId challengeId, String email, String code, Instant expiresAt) {
    @Override
    public String toString() {
        return "IssuedCode[challengeId=" + challengeId + ", email=" + email + ", code=******, expiresAt=" + expiresAt + "]";
    }
}
