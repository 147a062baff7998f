package dev.genstore.prompts;

import java.time.Instant;

/**
 * The thumbnail of a prompt: a WebP image made from the last image recorded with it, stored in the database.
 *
 * @param promptId  the prompt
 * @param mimeType  {@code image/webp}
 * @param width     its width in pixels
 * @param height    its height in pixels
 * @param bytes     the encoded image
 * @param createdAt when it was made
 */
public record PromptThumbnail(PromptId promptId, String mimeType, int width, int height, byte[] bytes, Instant createdAt) {
    public PromptThumbnail {
        bytes = bytes.clone();
    }

    /** A copy of the encoded image. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }
}
