package dev.genstore.images;

import dev.genstore.errors.InvalidInputException;

/**
 * The bytes given as an image are not one genstore can read: not an image at all, a format without a reader, or a
 * corrupt or truncated file; or an image from which a variant of the {@link ImagePolicy} cannot be made (libwebp
 * encodes at most 16383 pixels a side). Thrown before anything is written. {@link #field()} is {@code content}.
 */
public class InvalidImageException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidImageException(String problem) {
        super("content", problem);
    }
}
