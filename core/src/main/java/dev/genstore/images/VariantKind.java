package dev.genstore.images;

/** The sizes an image is kept in besides its original. */
public enum VariantKind {
    /** A small preview for lists and grids. */
    THUMBNAIL,
    /** A size for showing on a page. */
    WEB,
    /** A large size for printing. */
    PRINT
}
