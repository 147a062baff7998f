package dev.genstore.internal.images;

import dev.genstore.accounts.UserId;
import dev.genstore.images.BlobSweepReport;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.Images;
import dev.genstore.images.NewImage;
import dev.genstore.images.QcStatus;
import dev.genstore.images.StoredContent;
import dev.genstore.images.VariantKind;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.ServiceContext;
import dev.genstore.jobs.JobId;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.Repositories;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link Images} over the classes that hold its rules: {@link ValidImage} (checks), {@link ImageLifecycle} (writes
 * through the status machine, blobs before rows, job counters), {@link ImageReads}, {@link ImageDeletion} (also for a
 * job's and a user's deletion) and {@link ImageSweep} (also for store operations).
 */
public final class ImagesService implements Images {
    private final ImageLifecycle lifecycle;
    private final ImageReads reads;
    private final ImageDeletion deletion;
    private final ImageSweep sweep;

    public ImagesService(ServiceContext context, ImagePolicy policy) {
        ImageBlobs layout = new ImageBlobs(policy);
        RowBlobs rowBlobs = new RowBlobs(context, "image");
        this.reads = new ImageReads(context);
        this.lifecycle = new ImageLifecycle(context, policy, layout, rowBlobs, reads);
        this.deletion = new ImageDeletion(context, layout, rowBlobs);
        this.sweep = new ImageSweep(context, layout, rowBlobs, deletion);
    }

    @Override
    public Image store(NewImage image, byte[] content) {
        return lifecycle.store(image, content);
    }

    @Override
    public Image store(NewImage image, InputStream content) {
        return lifecycle.store(image, content);
    }

    @Override
    public Image register(NewImage image, StoredContent content) {
        return lifecycle.register(image, content);
    }

    @Override
    public Image create(NewImage image) {
        return lifecycle.create(image);
    }

    @Override
    public Image startProcessing(UserId owner, ImageId id) {
        return lifecycle.startProcessing(owner, id);
    }

    @Override
    public Image complete(UserId owner, ImageId id, byte[] content) {
        return lifecycle.complete(owner, id, content);
    }

    @Override
    public Image fail(UserId owner, ImageId id, String reason) {
        return lifecycle.fail(owner, id, reason);
    }

    @Override
    public Image describe(UserId owner, ImageId id, String title, String description, List<String> tags) {
        return lifecycle.describe(owner, id, title, description, tags);
    }

    @Override
    public Image recordQc(UserId owner, ImageId id, QcStatus status, String reason) {
        return lifecycle.recordQc(owner, id, status, reason);
    }

    @Override
    public Optional<Image> find(UserId owner, ImageId id) {
        return reads.find(owner, id);
    }

    @Override
    public Image get(UserId owner, ImageId id) {
        return reads.get(owner, id);
    }

    @Override
    public InputStream openContent(UserId owner, ImageId id) {
        return reads.openContent(owner, id);
    }

    @Override
    public InputStream openVariant(UserId owner, ImageId id, VariantKind kind) {
        return reads.openVariant(owner, id, kind);
    }

    @Override
    public Page<Image> list(UserId owner, ImageFilter filter, PageRequest page) {
        return reads.list(owner, filter, page);
    }

    @Override
    public ImageStatistics statistics(UserId owner) {
        return reads.statistics(owner);
    }

    @Override
    public void delete(UserId owner, ImageId id) {
        deletion.delete(owner, id);
    }

    /** See {@link ImageDeletion#deleteJobImages}; for the job's deletion, in its transaction. */
    public void deleteJobImages(Repositories r, UserId owner, JobId job) {
        deletion.deleteJobImages(r, owner, job);
    }

    /** See {@link ImageDeletion#removeOwnerBlobs}; for the user's deletion, in its transaction. */
    public void removeOwnerBlobs(Repositories r, UserId owner) {
        deletion.removeOwnerBlobs(r, owner);
    }

    @Override
    public BlobSweepReport sweep(Duration grace, boolean repair) {
        return sweep.sweep(grace, repair);
    }

    /** See {@link ImageSweep#orphanBlobs}; for store operations' purge. */
    public List<String> orphanBlobs(Instant cutoff) {
        return sweep.orphanBlobs(cutoff);
    }

    /** See {@link ImageSweep#removeLeftovers}; for store operations' purge. */
    public void removeLeftovers() {
        sweep.removeLeftovers();
    }
}
