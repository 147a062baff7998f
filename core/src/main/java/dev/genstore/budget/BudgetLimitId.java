package dev.genstore.budget;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a budget record (a time-ordered UUID). */
public record BudgetLimitId(UUID value) {
    public BudgetLimitId {
        if (value == null) {
            throw new InvalidInputException("limitId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static BudgetLimitId of(UUID value) {
        return new BudgetLimitId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
