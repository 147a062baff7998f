package dev.genstore.budget;

import java.time.Instant;

/**
 * Budget set aside for one provider call before it is made.
 *
 * @param id        its id
 * @param provider  the provider to be called
 * @param model     the model, or {@code "unspecified"}
 * @param estimate  the amount reserved
 * @param status    where it stands
 * @param createdAt when it was authorized (its period is the one containing this instant)
 * @param expiresAt when it stops counting unless settled or cancelled
 * @param settledAt when it was settled, cancelled or expired; null while active
 * @param spendId   the spend record made by settling it, or null
 */
public record Reservation(ReservationId id, String provider, String model, Cost estimate, ReservationStatus status,
                          Instant createdAt, Instant expiresAt, Instant settledAt, SpendId spendId) {
}
