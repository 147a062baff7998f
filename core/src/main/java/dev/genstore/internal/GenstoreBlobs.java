package dev.genstore.internal;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.blobs.BlobStore;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImagePolicy;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.ImageBlobRef;
import dev.genstore.spi.OperationsRepository.BlobOwner;
import dev.genstore.spi.Storage;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The one rule for which blobs are genstore's (see {@link BlobKeys}): every key genstore writes lies under
 * {@link BlobKeys#GENSTORE_ROOT}, and only there does it look for orphans; outside it, genstore touches only the keys
 * its own rows name (written there by earlier versions). Sweep, verify, purge, user deletion, export, import and copy
 * all take their keys from here.
 */
public final class GenstoreBlobs {
    private static final int PAGE = PageRequest.MAX_SIZE;

    private GenstoreBlobs() {
    }

    /** The prefix (no trailing slash) of image keys: {@code genstore/images} by default. */
    public static String imagePrefix(ImagePolicy policy) {
        return BlobKeys.GENSTORE_ROOT + policy.keyPrefix();
    }

    /** The key of a cache entry's bytes. */
    public static String cacheKey(UUID entryId) {
        return BlobOwner.CACHE.prefix() + entryId;
    }

    /** The key of a prompt thumbnail kept in the blob store. */
    public static String promptThumbnailKey(UUID id) {
        return BlobOwner.PROMPT_THUMBNAILS.prefix() + id + ".webp";
    }

    /**
     * Calls {@code action} with every blob of {@code blobs} that is genstore's: everything under the root, in key
     * order, then the keys outside the root that image, cache and prompt rows name (left by earlier versions) and
     * that exist. Runs its reads in {@code storage}'s transactions (joining the caller's, when there is one).
     */
    public static void forEach(Storage storage, BlobStore blobs, Consumer<BlobInfo> action) {
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<BlobInfo> page = blobs.list(BlobKeys.GENSTORE_ROOT, request);
            page.items().forEach(action);
            if (!page.hasNext()) {
                break;
            }
            request = page.next(PAGE).orElseThrow();
        }
        ImageId afterImage = null;
        while (true) {
            ImageId from = afterImage;
            List<ImageBlobRef> refs = storage.read(r -> r.images().blobRefsAfter(from, PAGE));
            if (refs.isEmpty()) {
                break;
            }
            refs.forEach(ref -> legacy(blobs, ref.storageKey(), action));
            afterImage = refs.get(refs.size() - 1).imageId();
        }
        for (BlobOwner owner : BlobOwner.values()) {
            String after = null;
            while (true) {
                String from = after;
                List<String> keys = storage.read(r -> r.operations().blobKeysAfter(owner, from, PAGE));
                if (keys.isEmpty()) {
                    break;
                }
                keys.forEach(key -> legacy(blobs, key, action));
                after = keys.get(keys.size() - 1);
            }
        }
    }

    private static void legacy(BlobStore blobs, String key, Consumer<BlobInfo> action) {
        if (!BlobKeys.isGenstoreKey(key)) {
            blobs.info(key).ifPresent(action);
        }
    }
}
