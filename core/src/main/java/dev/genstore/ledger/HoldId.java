package dev.genstore.ledger;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a hold (a time-ordered UUID). */
public record HoldId(UUID value) {
    public HoldId {
        if (value == null) {
            throw new InvalidInputException("holdId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static HoldId of(UUID value) {
        return new HoldId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
