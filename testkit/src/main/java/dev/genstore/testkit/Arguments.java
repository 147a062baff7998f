package dev.genstore.testkit;

import dev.genstore.errors.InvalidInputException;

/** The testkit's argument checks: a null is refused as genstore's API refuses it, with an InvalidInputException. */
final class Arguments {
    private Arguments() {
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        return value;
    }
}
