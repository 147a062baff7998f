package dev.genstore.internal.images;

import dev.genstore.accounts.UserId;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.jobs.JobId;
import dev.genstore.spi.Repositories;
import java.util.ArrayList;
import java.util.List;

/**
 * Deleting images: one image, a job's images (for the job's deletion) and every blob of an owner (for the user's
 * deletion). Rows go in the transaction; their blobs after it commits ({@link RowBlobs#deleteAfterCommit}).
 */
final class ImageDeletion {
    private static final int PAGE = 500;

    private final ServiceContext context;
    private final ImageBlobs layout;
    private final RowBlobs rowBlobs;

    ImageDeletion(ServiceContext context, ImageBlobs layout, RowBlobs rowBlobs) {
        this.context = context;
        this.layout = layout;
        this.rowBlobs = rowBlobs;
    }

    void delete(UserId owner, ImageId id) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        context.storage().write(r -> {
            Image image = ImageRows.locked(r, owner, id);
            r.images().delete(id);
            rowBlobs.deleteAfterCommit(r, ImageRows.keysOf(image));
            return null;
        });
    }

    /**
     * Deletes the owner's images of {@code job} with their tags and variants in the transaction of {@code r}, and their
     * blobs once it commits (at once, in it, when blobs live in the database). Called by the job's deletion.
     */
    void deleteJobImages(Repositories r, UserId owner, JobId job) {
        ImageFilter ofJob = ImageFilter.all().job(job);
        List<String> keys = new ArrayList<>();
        List<Image> page;
        do {
            page = r.images().listBefore(owner, ofJob, null, PAGE);
            for (Image image : page) {
                r.images().delete(image.id());
                keys.addAll(ImageRows.keysOf(image));
            }
        } while (!page.isEmpty());
        rowBlobs.deleteAfterCommit(r, keys);
    }

    /**
     * Deletes the blobs of every image of {@code owner}, and anything else under the owner's image prefix, once the
     * transaction of {@code r} commits (at once, in it, when blobs live in the database). Called by the user's deletion
     * before the rows cascade away.
     */
    void removeOwnerBlobs(Repositories r, UserId owner) {
        rowBlobs.deleteAfterCommit(r, r.images().storageKeys(owner));
        rowBlobs.deleteAllUnderAfterCommit(r, layout.ownerPrefix(owner));
    }
}
