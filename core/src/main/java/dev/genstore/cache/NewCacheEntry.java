package dev.genstore.cache;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.images.ImageId;
import java.util.Map;

/**
 * What it takes to put an image in the cache. Start from {@link #of}.
 *
 * @param namespace        the namespace (1 to 200 characters)
 * @param itemKey          the item within it (1 to 500 characters)
 * @param configuration    the configuration that made the image (JSON values); its canonical hash is part of the key
 * @param contentType      the bytes' media type, e.g. {@code image/png}
 * @param metadata         JSON metadata; empty by default
 * @param sourceImage      the stored image this entry was made from, or {@code null}: a failed quality check of that
 *                         image drops the entry
 * @param sourceImageOwner the owner of {@code sourceImage}: the put checks that the image is this user's, so an id
 *                         taken from a request cannot link an entry to another user's image; {@code null} without one
 */
public record NewCacheEntry(String namespace, String itemKey, Map<String, Object> configuration, String contentType,
                            Map<String, Object> metadata, ImageId sourceImage, UserId sourceImageOwner) {

    /** An entry as before source images had owners: {@code sourceImageOwner} is {@code null}. */
    public NewCacheEntry(String namespace, String itemKey, Map<String, Object> configuration, String contentType,
                         Map<String, Object> metadata, ImageId sourceImage) {
        this(namespace, itemKey, configuration, contentType, metadata, sourceImage, null);
    }

    /** An entry with the required fields, no metadata and no source image. */
    public static NewCacheEntry of(String namespace, String itemKey, Map<String, Object> configuration, String contentType) {
        return new NewCacheEntry(namespace, itemKey, configuration, contentType, Map.of(), null, null);
    }

    /** This entry with metadata. */
    public NewCacheEntry metadata(Map<String, Object> values) {
        return new NewCacheEntry(namespace, itemKey, configuration, contentType, values, sourceImage, sourceImageOwner);
    }

    /**
     * This entry made from {@code owner}'s stored image. The put refuses it with
     * {@link dev.genstore.errors.NotFoundException} unless the image exists and is the owner's.
     *
     * @throws InvalidInputException when the owner or the image is null
     */
    public NewCacheEntry sourceImage(UserId owner, ImageId image) {
        if (owner == null) {
            throw new InvalidInputException("owner", "must not be null");
        }
        if (image == null) {
            throw new InvalidInputException("imageId", "must not be null");
        }
        return new NewCacheEntry(namespace, itemKey, configuration, contentType, metadata, image, owner);
    }

    /**
     * This entry made from a stored image, without saying whose: the put refuses it.
     *
     * @deprecated the cache cannot check that the image is the caller's: use {@link #sourceImage(UserId, ImageId)}
     */
    @Deprecated
    public NewCacheEntry sourceImage(ImageId id) {
        return new NewCacheEntry(namespace, itemKey, configuration, contentType, metadata, id, null);
    }
}
