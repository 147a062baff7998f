package dev.genstore.cache;

import dev.genstore.images.ImageId;
import java.util.Map;

/**
 * What it takes to put an image in the cache. Start from {@link #of}.
 *
 * @param namespace     the namespace (1 to 200 characters)
 * @param itemKey       the item within it (1 to 500 characters)
 * @param configuration the configuration that made the image (JSON values); its canonical hash is part of the key
 * @param contentType   the bytes' media type, e.g. {@code image/png}
 * @param metadata      JSON metadata; empty by default
 * @param sourceImage   the stored image this entry was made from, or {@code null}: a failed quality check of that
 *                      image drops the entry
 */
public record NewCacheEntry(String namespace, String itemKey, Map<String, Object> configuration, String contentType,
                            Map<String, Object> metadata, ImageId sourceImage) {
    /** An entry with the required fields, no metadata and no source image. */
    public static NewCacheEntry of(String namespace, String itemKey, Map<String, Object> configuration, String contentType) {
        return new NewCacheEntry(namespace, itemKey, configuration, contentType, Map.of(), null);
    }

    /** This entry with metadata. */
    public NewCacheEntry metadata(Map<String, Object> values) {
        return new NewCacheEntry(namespace, itemKey, configuration, contentType, values, sourceImage);
    }

    /** This entry made from a stored image. */
    public NewCacheEntry sourceImage(ImageId id) {
        return new NewCacheEntry(namespace, itemKey, configuration, contentType, metadata, id);
    }
}
