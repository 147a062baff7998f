package dev.genstore.spi;

import dev.genstore.auth.ChallengeId;
import java.time.Instant;

/**
 * A stored one-time-password challenge: the salted hash of the code, never the code.
 *
 * @param id          the challenge id
 * @param email       normalized email
 * @param salt        random salt
 * @param codeHash    SHA-256 of salt and code
 * @param attempts    wrong guesses so far
 * @param maxAttempts wrong guesses allowed
 * @param createdAt   when issued
 * @param expiresAt   when it stops working
 * @param usedAt      when a code verified, or {@code null}
 */
public record OtpChallengeRecord(ChallengeId id, String email, byte[] salt, byte[] codeHash, int attempts,
                                 int maxAttempts, Instant createdAt, Instant expiresAt, Instant usedAt) {
    @Override
    public String toString() {
        return "OtpChallengeRecord[id=" + id + ", email=" + email + ", attempts=" + attempts + "/" + maxAttempts
                + ", expiresAt=" + expiresAt + ", usedAt=" + usedAt + "]";
    }
}
