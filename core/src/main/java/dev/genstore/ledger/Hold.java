package dev.genstore.ledger;

import dev.genstore.accounts.UserId;
import java.time.Instant;
import java.util.Optional;

/**
 * A reservation of tokens against a reference, e.g. the estimated cost of a generation job.
 *
 * @param id          the hold's id
 * @param userId      the account's owner
 * @param amount      tokens reserved
 * @param captured    tokens debited when captured (0 unless {@link HoldStatus#CAPTURED})
 * @param reason      why, e.g. {@code GENERATION}
 * @param referenceId the caller's idempotency key, unique among the account's holds
 * @param status      where the hold is in its life
 * @param expiresAt   when an active hold releases itself, or {@code null} for never
 * @param createdAt   when it was placed
 * @param settledAt   when it left {@link HoldStatus#ACTIVE}, or {@code null}
 */
public record Hold(HoldId id, UserId userId, long amount, long captured, String reason, String referenceId,
                   HoldStatus status, Instant expiresAt, Instant createdAt, Instant settledAt) {
    /** The expiry, when the hold has one. */
    public Optional<Instant> optionalExpiresAt() {
        return Optional.ofNullable(expiresAt);
    }
}
