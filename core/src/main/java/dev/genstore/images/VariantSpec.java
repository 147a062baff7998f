package dev.genstore.images;

import dev.genstore.errors.InvalidInputException;

/**
 * How to make one variant: scaled (never up) so that its longer side is at most {@code longSide} pixels, the aspect
 * ratio kept, and encoded in {@code format} at {@code quality}.
 *
 * @param kind     which variant this makes
 * @param longSide the longest side in pixels, 16 to 16384
 * @param format   the encoding
 * @param quality  0 to 1 for WebP and JPEG (ignored by PNG, which is lossless)
 */
public record VariantSpec(VariantKind kind, int longSide, VariantFormat format, float quality) {
    public VariantSpec {
        if (kind == null) {
            throw new InvalidInputException("kind", "must not be null");
        }
        if (format == null) {
            throw new InvalidInputException("format", "must not be null");
        }
        if (longSide < 16 || longSide > 16_384) {
            throw new InvalidInputException("longSide", "must be between 16 and 16384, was " + longSide);
        }
        if (!(quality >= 0 && quality <= 1)) {
            throw new InvalidInputException("quality", "must be between 0 and 1, was " + quality);
        }
    }

    /** The default thumbnail: 256 px on the long side, WebP at quality 0.8. */
    public static VariantSpec thumbnail() {
        return new VariantSpec(VariantKind.THUMBNAIL, 256, VariantFormat.WEBP, 0.8f);
    }

    /** The default web size: 1024 px on the long side, WebP at quality 0.85. */
    public static VariantSpec web() {
        return new VariantSpec(VariantKind.WEB, 1024, VariantFormat.WEBP, 0.85f);
    }

    /** A print size: 4096 px on the long side, JPEG at quality 0.92 (not made by default). */
    public static VariantSpec print() {
        return new VariantSpec(VariantKind.PRINT, 4096, VariantFormat.JPEG, 0.92f);
    }
}
