package dev.genstore.images;

/**
 * One stored size of an image.
 *
 * @param kind       which size it is
 * @param format     its encoding
 * @param width      its width in pixels
 * @param height     its height in pixels
 * @param bytes      its length in bytes
 * @param storageKey the key of its blob
 */
public record Variant(VariantKind kind, VariantFormat format, int width, int height, long bytes, String storageKey) {
}
