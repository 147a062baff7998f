package dev.genstore.spi;

import dev.genstore.auth.ChallengeId;
import java.time.Instant;
import java.util.Optional;

/** Storage of one-time-password challenges. */
public interface OtpRepository {
    void insert(OtpChallengeRecord challenge);

    /** Deletes every challenge of this email. Returns how many. */
    int deleteByEmail(String normalizedEmail);

    /** The newest challenge of the email, locked against concurrent verification until the transaction ends. */
    Optional<OtpChallengeRecord> latestForUpdate(String normalizedEmail);

    void recordFailedAttempt(ChallengeId id);

    void markUsed(ChallengeId id, Instant usedAt);

    /** Deletes challenges that expired at or before {@code now}, or were used. Returns how many. */
    int deleteExpiredOrUsed(Instant now);
}
