package dev.genstore.spi;

import dev.genstore.prompts.PromptId;
import java.time.Instant;

/**
 * A prompt thumbnail as stored: its bytes in the row ({@code content}), or in the blob store under {@code storageKey};
 * exactly one of the two is set.
 */
public record PromptThumbnailRow(PromptId promptId, String mimeType, int width, int height, byte[] content,
                                 String storageKey, Instant createdAt) {
}
