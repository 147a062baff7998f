package dev.genstore.images;

/** Where an image came from. */
public enum ImageType {
    /** Made by an image-generation provider. */
    GENERATED,
    /** Uploaded by the user. */
    UPLOADED
}
