package dev.genstore.images;

/**
 * Where an image is in its life. The only moves: PENDING → PROCESSING → COMPLETED | FAILED; COMPLETED and FAILED are
 * final. (An image stored from bytes in one call is recorded COMPLETED at once: that is a creation, not a move.)
 */
public enum ImageStatus {
    /** Recorded; no content yet. */
    PENDING,
    /** Being generated or processed. */
    PROCESSING,
    /** Its content and variants are stored. */
    COMPLETED,
    /** It could not be made; the reason is kept. */
    FAILED;

    /** True for COMPLETED and FAILED. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }

    /** True when the state machine allows moving from this status to {@code next}. */
    public boolean canMoveTo(ImageStatus next) {
        return switch (this) {
            case PENDING -> next == PROCESSING;
            case PROCESSING -> next == COMPLETED || next == FAILED;
            case COMPLETED, FAILED -> false;
        };
    }
}
