package dev.genstore.images;

/** The outcome of an image's quality check; a FAILED check carries a reason. */
public enum QcStatus {
    /** Not checked yet. */
    PENDING,
    /** Checked and accepted. */
    PASSED,
    /** Checked and rejected. */
    FAILED
}
