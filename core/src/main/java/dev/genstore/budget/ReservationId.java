package dev.genstore.budget;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a budget record (a time-ordered UUID). */
public record ReservationId(UUID value) {
    public ReservationId {
        if (value == null) {
            throw new InvalidInputException("reservationId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static ReservationId of(UUID value) {
        return new ReservationId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
