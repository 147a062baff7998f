package dev.genstore.images;

/** How a variant is encoded. */
public enum VariantFormat {
    /** Lossy WebP (libwebp through webp-imageio); keeps transparency. */
    WEBP("webp", "image/webp"),
    /** Baseline JPEG; transparency is flattened onto white. */
    JPEG("jpg", "image/jpeg"),
    /** Lossless PNG; keeps transparency. */
    PNG("png", "image/png");

    private final String extension;
    private final String contentType;

    VariantFormat(String extension, String contentType) {
        this.extension = extension;
        this.contentType = contentType;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The media type. */
    public String contentType() {
        return contentType;
    }
}
