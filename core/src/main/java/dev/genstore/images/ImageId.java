package dev.genstore.images;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies an image: a time-ordered UUID (version 7), so ids sort by creation time. */
public record ImageId(UUID value) {
    public ImageId {
        if (value == null) {
            throw new InvalidInputException("imageId", "must not be null");
        }
    }

    /** Wraps an existing UUID. */
    public static ImageId of(UUID value) {
        return new ImageId(value);
    }

    /** Parses the canonical text form; throws {@link InvalidInputException} when it is not a UUID. */
    public static ImageId parse(String text) {
        try {
            return new ImageId(UUID.fromString(text));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidInputException("imageId", "is not a UUID: " + InvalidInputException.quote(text));
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
