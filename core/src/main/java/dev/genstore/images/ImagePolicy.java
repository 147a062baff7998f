package dev.genstore.images;

import dev.genstore.errors.InvalidInputException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What storing an image from bytes accepts and makes. Set with {@code Genstore.builder().imagePolicy(...)}.
 *
 * @param maxPixels the largest width × height accepted, read from the header before anything is decoded (default 64
 *                  megapixels); protects against decompression bombs. Decoding holds about 8 bytes per pixel at
 *                  the peak (the decoded image and its 32-bit sRGB copy), so 64 megapixels need ~512 MB of heap
 * @param maxBytes  the largest encoded image accepted (default 64 MiB)
 * @param variants  the variants made of every stored image, at most one per kind (default: a 256 px WebP thumbnail
 *                  and a 1024 px WebP web size)
 * @param keyPrefix the segment(s) after {@code genstore/} of the blob keys of images (default {@code images}, so keys
 *                  are {@code genstore/images/{userId}/…}); {@code cache} and {@code prompts} are taken by genstore's
 *                  cache and prompt thumbnails
 */
public record ImagePolicy(long maxPixels, long maxBytes, List<VariantSpec> variants, String keyPrefix) {
    /** 64 megapixels, 64 MiB, a 256 px WebP thumbnail and a 1024 px WebP web size, keys under {@code genstore/images/}. */
    public static final ImagePolicy DEFAULT = new ImagePolicy(64_000_000L, 64L << 20,
            List.of(VariantSpec.thumbnail(), VariantSpec.web()), "images");

    public ImagePolicy {
        if (maxPixels < 1) {
            throw new InvalidInputException("maxPixels", "must be positive, was " + maxPixels);
        }
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new InvalidInputException("maxBytes", "must be between 1 and " + (Integer.MAX_VALUE - 8) + ", was " + maxBytes);
        }
        if (variants == null) {
            throw new InvalidInputException("variants", "must not be null");
        }
        if (variants.stream().anyMatch(java.util.Objects::isNull)) {
            throw new InvalidInputException("variants", "must not hold null");
        }
        variants = List.copyOf(variants);
        Set<VariantKind> kinds = EnumSet.noneOf(VariantKind.class);
        for (VariantSpec spec : variants) {
            if (!kinds.add(spec.kind())) {
                throw new InvalidInputException("variants", "must have at most one variant of kind " + spec.kind());
            }
        }
        if (keyPrefix == null || !keyPrefix.matches("[a-z0-9][a-z0-9_-]{0,63}(/[a-z0-9][a-z0-9_-]{0,63}){0,3}")) {
            throw new InvalidInputException("keyPrefix", "must be 1 to 4 segments of lower-case letters, digits, '_' and '-', was " + keyPrefix);
        }
        String first = keyPrefix.split("/", 2)[0];
        if (first.equals("cache") || first.equals("prompts")) {
            throw new InvalidInputException("keyPrefix", "must not start with '" + first + "', where genstore keeps its " + first);
        }
    }

    /** This policy with another pixel limit. */
    public ImagePolicy maxPixels(long pixels) {
        return new ImagePolicy(pixels, maxBytes, variants, keyPrefix);
    }

    /** This policy with another size limit for encoded images. */
    public ImagePolicy maxBytes(long bytes) {
        return new ImagePolicy(maxPixels, bytes, variants, keyPrefix);
    }

    /** This policy making these variants. */
    public ImagePolicy variants(VariantSpec... specs) {
        if (specs == null) {
            throw new InvalidInputException("variants", "must not be null");
        }
        return new ImagePolicy(maxPixels, maxBytes, java.util.Arrays.asList(specs), keyPrefix);
    }

    /** This policy with another key prefix. */
    public ImagePolicy keyPrefix(String prefix) {
        return new ImagePolicy(maxPixels, maxBytes, variants, prefix);
    }
}
