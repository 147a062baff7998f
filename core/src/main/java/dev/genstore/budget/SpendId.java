package dev.genstore.budget;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a budget record (a time-ordered UUID). */
public record SpendId(UUID value) {
    public SpendId {
        if (value == null) {
            throw new InvalidInputException("spendId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static SpendId of(UUID value) {
        return new SpendId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
