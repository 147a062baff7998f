package dev.genstore.jobs;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a job configuration (a time-ordered UUID). */
public record ConfigurationId(UUID value) {
    public ConfigurationId {
        if (value == null) {
            throw new InvalidInputException("configurationId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static ConfigurationId of(UUID value) {
        return new ConfigurationId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
