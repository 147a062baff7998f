package dev.genstore.images;

/**
 * An image's original whose bytes are already in the store's {@link dev.genstore.blobs.BlobStore} (put there by the
 * application, e.g. straight from a provider's response), described by the caller so that
 * {@link Images#register(NewImage, StoredContent)} can record it without reading or decoding it.
 *
 * @param storageKey the blob's key in {@code genstore.blobs()} (a valid {@link dev.genstore.blobs.BlobKeys} key)
 * @param mimeType   its media type: {@code image/png}, {@code image/jpeg}, {@code image/webp}, {@code image/gif},
 *                   {@code image/bmp} or {@code image/tiff}
 * @param bytes      its length in bytes; must be the blob's length
 * @param width      its width in pixels (1 or more)
 * @param height     its height in pixels (1 or more)
 */
public record StoredContent(String storageKey, String mimeType, long bytes, int width, int height) {
    /** The same as the canonical constructor, for call sites that read better with a factory. */
    public static StoredContent of(String storageKey, String mimeType, long bytes, int width, int height) {
        return new StoredContent(storageKey, mimeType, bytes, width, height);
    }
}
