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

    /** Parses the canonical text form; throws {@link InvalidInputException} (field {@code promptId}) when it is not a UUID. */
    public static PromptId parse(String text) {
        try {
            return new PromptId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("promptId", "is not a UUID: " + text);
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
