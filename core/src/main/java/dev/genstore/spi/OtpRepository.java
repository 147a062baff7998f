package dev.genstore.spi;

import dev.genstore.auth.ChallengeId;
import java.time.Instant;
import java.util.Optional;

/** Storage of one-time-password challenges. */
public interface OtpRepository {
    /** Stores a new challenge. */
    void insert(OtpChallengeRecord challenge);

    /** Deletes every challenge of this email. Returns how many. */
    int deleteByEmail(String normalizedEmail);

    /** The newest challenge of the email, locked against concurrent verification until the transaction ends. */
    Optional<OtpChallengeRecord> latestForUpdate(String normalizedEmail);

    /** Adds one to the challenge's wrong guesses. */
    void recordFailedAttempt(ChallengeId id);

    /** Marks the challenge used, so it cannot verify again. */
    void markUsed(ChallengeId id, Instant usedAt);

    /**
     * The email's rate-limit counters, locked against concurrent issue and verification of the same email until the
     * transaction ends; a new row with zero counts and both windows ending at {@code now} when there was none.
     */
    OtpLimitRecord lockLimits(String normalizedEmail, Instant now);

    /** Stores the email's counters (the row {@link #lockLimits} returned, changed). */
    void updateLimits(OtpLimitRecord limits);

    /** Deletes the counters of emails whose windows both ended at or before {@code now}. Returns how many. */
    int deleteEndedLimits(Instant now);

    /** Deletes challenges that expired at or before {@code now}, or were used. Returns how many. */
    int deleteExpiredOrUsed(Instant now);
}
