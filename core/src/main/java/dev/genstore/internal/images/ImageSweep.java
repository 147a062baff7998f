package dev.genstore.internal.images;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.BlobSweepReport.MissingBlob;
import dev.genstore.images.BlobSweepReport;
import dev.genstore.images.ImageId;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.ImageBlobRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sweep of image blobs against image rows: blobs no row names (orphans, past a grace period) and rows naming a blob
 * that is gone (missing), each re-checked before it is reported, since the application keeps working meanwhile; and,
 * when asked, their repair.
 */
final class ImageSweep {
    private static final Logger LOG = LoggerFactory.getLogger(ImageSweep.class);
    private static final int PAGE = 500;

    private final ServiceContext context;
    private final ImageBlobs layout;
    private final RowBlobs rowBlobs;
    private final ImageDeletion deletion;

    ImageSweep(ServiceContext context, ImageBlobs layout, RowBlobs rowBlobs, ImageDeletion deletion) {
        this.context = context;
        this.layout = layout;
        this.rowBlobs = rowBlobs;
        this.deletion = deletion;
    }

    BlobSweepReport sweep(Duration grace, boolean repair) {
        Validate.duration("grace", grace);
        List<String> orphans = orphanBlobs(context.now().minus(grace));
        List<ImageBlobRef> missingRefs = new ArrayList<>();
        ImageId after = null;
        while (true) {
            ImageId from = after;
            List<ImageBlobRef> refs = context.storage().read(r -> r.images().blobRefsAfter(from, PAGE));
            if (refs.isEmpty()) {
                break;
            }
            List<ImageBlobRef> suspects = refs.stream().filter(ref -> !context.blobs().exists(ref.storageKey())).toList();
            missingRefs.addAll(stillMissing(suspects));
            after = refs.get(refs.size() - 1).imageId();
        }
        List<MissingBlob> missing = missingRefs.stream()
                .map(ref -> new MissingBlob(ref.imageId(), ref.kind(), ref.storageKey())).toList();
        if (repair) {
            rowBlobs.deleteNow(orphans);
            repairMissing(missingRefs);
            removeLeftovers();
        }
        return new BlobSweepReport(orphans, missing, repair);
    }

    /**
     * Those of {@code suspects} (rows seen naming a blob that was then absent) whose key a row still names now and whose
     * blob is still absent: an image deleted meanwhile loses its rows before its blobs, so it drops out here instead of
     * being reported (verify runs while the application works).
     */
    private List<ImageBlobRef> stillMissing(List<ImageBlobRef> suspects) {
        if (suspects.isEmpty()) {
            return suspects;
        }
        Set<String> named = context.storage().read(r -> r.images().referencedKeys(
                suspects.stream().map(ImageBlobRef::storageKey).toList()));
        return suspects.stream().filter(ref -> named.contains(ref.storageKey()) && !context.blobs().exists(ref.storageKey()))
                .toList();
    }

    /** What failed or interrupted puts left in the blob store that is no blob (a directory store's strays). */
    void removeLeftovers() {
        try {
            context.blobs().removeLeftovers();
        } catch (RuntimeException e) {
            LOG.warn("could not remove the blob store's leftovers: {}", e.toString());
        }
    }

    /**
     * Keys under the images prefix (inside genstore's root) that no image row names, whose key time is at or before
     * {@code cutoff}, in key order. Each is looked at again after the listing: an image deleted meanwhile loses its row
     * before its blobs, which are gone by then.
     */
    List<String> orphanBlobs(Instant cutoff) {
        List<String> orphans = new ArrayList<>();
        PageRequest request = PageRequest.first(PAGE);
        while (true) {
            Page<BlobInfo> page = context.blobs().list(layout.prefix() + "/", request);
            List<String> keys = page.items().stream().map(BlobInfo::key).toList();
            Set<String> referenced = keys.isEmpty() ? Set.of() : context.storage().read(r -> r.images().referencedKeys(keys));
            for (String key : keys) {
                if (!referenced.contains(key) && BlobKeys.timestampOf(key).map(t -> !t.isAfter(cutoff)).orElse(true)) {
                    orphans.add(key);
                }
            }
            if (!page.hasNext()) {
                return orphans.stream().filter(key -> context.blobs().exists(key)).toList();
            }
            request = page.next(PAGE).orElseThrow();
        }
    }

    /** An image whose original is missing is deleted; a missing variant loses its row. */
    private void repairMissing(List<ImageBlobRef> refs) {
        Set<ImageId> deleted = new HashSet<>();
        for (ImageBlobRef ref : refs) {
            if (ref.kind() == null && deleted.add(ref.imageId())) {
                try {
                    deletion.delete(ref.owner(), ref.imageId());
                } catch (NotFoundException gone) {
                    // deleted meanwhile
                }
            }
        }
        for (ImageBlobRef ref : refs) {
            if (ref.kind() != null && !deleted.contains(ref.imageId())) {
                context.storage().write(r -> r.images().deleteVariant(ref.imageId(), ref.kind()));
            }
        }
    }
}
