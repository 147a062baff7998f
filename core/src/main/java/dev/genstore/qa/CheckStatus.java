package dev.genstore.qa;

/**
 * Where a quality check is: PENDING → PASSED | FAILED (the checker's verdict), then a human's APPROVED | REJECTED.
 * APPROVED and REJECTED are final.
 */
public enum CheckStatus {
    /** Started, no verdict yet. */
    PENDING,
    /** The checker accepted the image. */
    PASSED,
    /** The checker rejected the image: it is regenerated. */
    FAILED,
    /** A human accepted the image (whatever the checker said). */
    APPROVED,
    /** A human rejected the image (whatever the checker said): it is regenerated. */
    REJECTED;

    /** True when a check may move from this status to {@code next}. */
    public boolean canMoveTo(CheckStatus next) {
        return switch (this) {
            case PENDING -> next == PASSED || next == FAILED;
            case PASSED, FAILED -> next == APPROVED || next == REJECTED;
            case APPROVED, REJECTED -> false;
        };
    }
}
