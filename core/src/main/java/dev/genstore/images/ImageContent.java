package dev.genstore.images;

/**
 * The stored original of an image.
 *
 * @param format      its format as probed, lower case: {@code png}, {@code jpeg}, {@code webp}, {@code gif}, {@code bmp}
 *                    or {@code tiff}
 * @param width       its width in pixels, as shown (a JPEG's EXIF orientation applied)
 * @param height      its height in pixels, as shown
 * @param bytes       its length in bytes
 * @param sha256      the SHA-256 of its bytes, lower-case hex; {@code null} for content recorded with
 *                    {@link Images#register(NewImage, StoredContent)}, whose bytes genstore did not read
 * @param storageKey  the key of its blob
 */
public record ImageContent(String format, int width, int height, long bytes, String sha256, String storageKey) {
    /** The media type of the original, e.g. {@code image/png}. */
    public String contentType() {
        return "image/" + format;
    }
}
