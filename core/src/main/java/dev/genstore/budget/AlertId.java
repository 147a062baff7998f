package dev.genstore.budget;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a budget record (a time-ordered UUID). */
public record AlertId(UUID value) {
    public AlertId {
        if (value == null) {
            throw new InvalidInputException("alertId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static AlertId of(UUID value) {
        return new AlertId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
