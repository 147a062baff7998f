package dev.genstore.prompts;

/**
 * What {@link Prompts#record(String, String, byte[], BrokenImage)} does when the image given for the thumbnail cannot
 * be read (not an image, damaged, or beyond the store's image policy).
 */
public enum BrokenImage {
    /** Refuse the whole record with the image's exception; nothing is written. What the other record methods do. */
    REFUSE,
    /**
     * Record the use without a thumbnail (an older thumbnail of the prompt stays); the result says that the thumbnail
     * was skipped and why (seed 002's "continue without thumbnail").
     */
    SKIP_THUMBNAIL
}
