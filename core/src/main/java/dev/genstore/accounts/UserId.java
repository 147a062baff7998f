package dev.genstore.accounts;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies a user: a time-ordered UUID (version 7), so ids sort by creation time. */
public record UserId(UUID value) {
    public UserId {
        if (value == null) {
            throw new InvalidInputException("userId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static UserId of(UUID value) {
        return new UserId(value);
    }

    /** Parses the canonical text form; throws {@link InvalidInputException} when it is not a UUID. */
    public static UserId parse(String text) {
        try {
            return new UserId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("userId", "is not a UUID: " + InvalidInputException.quote(text));
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
