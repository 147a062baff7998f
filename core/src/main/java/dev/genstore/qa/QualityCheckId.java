package dev.genstore.qa;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a quality check (a time-ordered UUID). */
public record QualityCheckId(UUID value) {
    public QualityCheckId {
        if (value == null) {
            throw new InvalidInputException("checkId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static QualityCheckId of(UUID value) {
        return new QualityCheckId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
