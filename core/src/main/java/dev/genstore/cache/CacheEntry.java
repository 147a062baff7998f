package dev.genstore.cache;

import dev.genstore.images.ImageId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A cached image's metadata. {@link #hitCount()} and {@link #lastAccessedAt()} include the accesses flushed so far
 * (hits are recorded in batches: see {@link ImageCache#flushAccesses()}).
 *
 * @param id                the entry's id
 * @param namespace         the namespace (an app area, e.g. {@code traits})
 * @param itemKey           the item within the namespace
 * @param configurationHash the SHA-256 (hex) of the configuration's canonical JSON
 * @param contentType       the bytes' media type
 * @param byteCount         the size of the bytes
 * @param metadata          JSON metadata
 * @param sourceImage       the image the entry was made from, or {@code null}
 * @param hitCount          hits flushed so far
 * @param createdAt         when it was put
 * @param lastAccessedAt    the last flushed hit, or the put
 */
public record CacheEntry(UUID id, String namespace, String itemKey, String configurationHash, String contentType,
                         long byteCount, Map<String, Object> metadata, ImageId sourceImage, long hitCount,
                         Instant createdAt, Instant lastAccessedAt) {
}
