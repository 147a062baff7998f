package dev.genstore.prompts;

import dev.genstore.errors.InvalidInputException;

/**
 * The outcome of recording one use of a prompt with an image for its thumbnail.
 *
 * @param prompt     the prompt after the use was counted
 * @param thumbnail  what happened to the thumbnail
 * @param skipReason why the thumbnail was skipped ({@link ThumbnailOutcome#SKIPPED} only; null otherwise)
 */
public record RecordedUse(Prompt prompt, ThumbnailOutcome thumbnail, String skipReason) {
    public RecordedUse {
        if (prompt == null || thumbnail == null) {
            throw new InvalidInputException(prompt == null ? "prompt" : "thumbnail", "must not be null");
        }
        if ((thumbnail == ThumbnailOutcome.SKIPPED) != (skipReason != null)) {
            throw new InvalidInputException("skipReason", "is given exactly when the thumbnail was skipped");
        }
    }

    /** What happened to the thumbnail of a recorded use. */
    public enum ThumbnailOutcome {
        /** No image was given: the prompt's thumbnail, if any, is unchanged. */
        NO_IMAGE,
        /** The image's thumbnail was stored, replacing an older one. */
        STORED,
        /** The image could not be read; the use was recorded and the prompt's thumbnail, if any, is unchanged. */
        SKIPPED
    }

    /** True when the thumbnail was skipped because the image could not be read. */
    public boolean thumbnailSkipped() {
        return thumbnail == ThumbnailOutcome.SKIPPED;
    }
}
