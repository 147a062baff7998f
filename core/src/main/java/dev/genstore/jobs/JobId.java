package dev.genstore.jobs;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a generation job (a time-ordered UUID). */
public record JobId(UUID value) {
    public JobId {
        if (value == null) {
            throw new InvalidInputException("jobId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static JobId of(UUID value) {
        return new JobId(value);
    }

    /** Parses the canonical text form; throws {@link InvalidInputException} when it is not a UUID. */
    public static JobId parse(String text) {
        try {
            return new JobId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("jobId", "is not a UUID: " + InvalidInputException.quote(text));
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
