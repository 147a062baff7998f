package dev.genstore.blobs;

/**
 * What a blob store knows about one blob.
 *
 * @param key         the blob's key
 * @param contentType the media type given when it was put, e.g. {@code image/webp}
 * @param size        its length in bytes
 */
public record BlobInfo(String key, String contentType, long size) {
}
