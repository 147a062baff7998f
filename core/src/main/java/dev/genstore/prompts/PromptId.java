package dev.genstore.prompts;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a prompt of the library (a time-ordered UUID). */
public record PromptId(UUID value) {
    public PromptId {
        if (value == null) {
            throw new InvalidInputException("promptId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static PromptId of(UUID value) {
        return new PromptId(value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
