package dev.genstore.internal.images;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageContent;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.ImageStatus;
import dev.genstore.images.ImageTooLargeException;
import dev.genstore.images.NewImage;
import dev.genstore.images.QcStatus;
import dev.genstore.images.StoredContent;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.internal.imaging.ImageProcessor.Processed;
import dev.genstore.internal.imaging.ImageProcessor;
import dev.genstore.spi.Repositories;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;

/**
 * Writing images through their status machine (PENDING → PROCESSING → COMPLETED | FAILED): content is processed before
 * any write, blobs are written before the row ({@link RowBlobs#putThenRow}), and the job's image counts change in the
 * transaction of the image ({@link JobImageCounts}); plus the descriptive fields and the QC verdict.
 */
final class ImageLifecycle {
    private final ServiceContext context;
    private final ImagePolicy policy;
    private final ImageBlobs layout;
    private final RowBlobs rowBlobs;
    private final ImageReads reads;

    ImageLifecycle(ServiceContext context, ImagePolicy policy, ImageBlobs layout, RowBlobs rowBlobs, ImageReads reads) {
        this.context = context;
        this.policy = policy;
        this.layout = layout;
        this.rowBlobs = rowBlobs;
        this.reads = reads;
    }

    Image store(NewImage image, byte[] content) {
        ValidImage valid = ValidImage.of(image);
        Validate.notNull("content", content);
        Processed processed = ImageProcessor.process(content, policy);
        ImageId id = ImageId.of(context.newId());
        String name = valid.fileName() != null ? valid.fileName() : valid.title();
        return persist(valid.owner(), id, processed, content, name, r -> {
            ImageRows.requireUser(r, valid.owner());
            return newRow(id, valid, context.now());
        }, true);
    }

    Image store(NewImage image, InputStream content) {
        ValidImage.of(image); // fail before reading a stream for nothing
        Validate.notNull("content", content);
        return store(image, readLimited(content));
    }

    private byte[] readLimited(InputStream content) {
        try {
            byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.maxBytes() + 1));
            if (bytes.length > policy.maxBytes()) {
                throw new ImageTooLargeException("has more than the limit of " + policy.maxBytes() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new StorageException("cannot read the image content: " + e, false, e);
        }
    }

    Image register(NewImage image, StoredContent content) {
        ValidImage valid = ValidImage.of(image);
        Validate.notNull("content", content);
        ImageContent checked = StoredContents.check(content, policy);
        ImageId id = ImageId.of(context.newId());
        return context.storage().write(r -> {
            ImageRows.requireUser(r, valid.owner());
            StoredContents.requireBlob(context.blobs(), r, checked);
            Image row = newRow(id, valid, context.now());
            if (row.jobId() != null) {
                JobImageCounts.countSuccessful(r, valid.owner(), row.jobId());
            }
            Image completed = ImageRows.withStatus(row, ImageStatus.COMPLETED, null, checked, List.of(), context.now());
            r.images().insert(completed);
            return completed;
        });
    }

    Image create(NewImage image) {
        ValidImage valid = ValidImage.of(image);
        return context.storage().write(r -> {
            ImageRows.requireUser(r, valid.owner());
            Image created = newRow(ImageId.of(context.newId()), valid, context.now());
            if (valid.jobId() != null) {
                JobImageCounts.ownersJob(r, valid.owner(), valid.jobId());
            }
            r.images().insert(created);
            return created;
        });
    }

    private static Image newRow(ImageId id, ValidImage v, Instant now) {
        return Image.builder().id(id).owner(v.owner()).status(ImageStatus.PENDING).errorMessage(null)
                .type(v.type()).jobId(v.jobId()).prompt(v.prompt()).seed(v.seed()).model(v.model())
                .tokensUsed(v.tokensUsed()).title(v.title()).description(v.description()).tags(v.tags())
                .metadata(v.metadata()).processingSettings(v.settings()).qcStatus(QcStatus.PENDING).qcReason(null)
                .content(null).variants(List.of()).createdAt(now).updatedAt(now).build();
    }

    Image startProcessing(UserId owner, ImageId id) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        return context.storage().write(r -> {
            Image image = ImageRows.locked(r, owner, id);
            ImageRows.requireMove(image, ImageStatus.PROCESSING);
            Image moved = ImageRows.withStatus(image, ImageStatus.PROCESSING, image.errorMessage(), image.content(),
                    image.variants(), context.now());
            r.images().update(moved);
            return moved;
        });
    }

    Image complete(UserId owner, ImageId id, byte[] content) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        Validate.notNull("content", content);
        Image current = reads.get(owner, id);
        ImageRows.requireMove(current, ImageStatus.COMPLETED);
        Processed processed = ImageProcessor.process(content, policy);
        return persist(owner, id, processed, content, current.title(), r -> {
            Image image = ImageRows.locked(r, owner, id);
            ImageRows.requireMove(image, ImageStatus.COMPLETED); // it may have moved since it was read
            return image;
        }, false);
    }

    @FunctionalInterface
    private interface RowSource {
        /** The image row (PENDING or PROCESSING) the content completes, read or made inside the transaction. */
        Image row(Repositories r);
    }

    /**
     * Writes the blobs of a processed image, then, in one transaction, its row as COMPLETED and its job's count
     * ({@link RowBlobs#putThenRow}: the blobs go again when the row does not commit).
     */
    private Image persist(UserId owner, ImageId id, Processed processed, byte[] content, String fileName, RowSource source,
                          boolean insert) {
        Instant at = context.now();
        List<RowBlobs.Blob> blobs = layout.blobsOf(owner, id, at, processed, content, fileName);
        return rowBlobs.putThenRow(blobs, at, r -> {
            Image row = source.row(r);
            if (row.jobId() != null) {
                JobImageCounts.countSuccessful(r, owner, row.jobId());
            }
            Image completed = ImageRows.withStatus(row, ImageStatus.COMPLETED, null,
                    ImageBlobs.contentOf(processed, content, blobs), ImageBlobs.variantsOf(processed, blobs), context.now());
            if (insert) {
                r.images().insert(completed);
            } else {
                r.images().update(completed);
            }
            return completed;
        });
    }

    Image fail(UserId owner, ImageId id, String reason) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        String why = ValidImage.reason(Validate.notNull("reason", reason));
        return context.storage().write(r -> {
            Image image = ImageRows.locked(r, owner, id);
            ImageRows.requireMove(image, ImageStatus.FAILED);
            if (image.jobId() != null) {
                JobImageCounts.countFailed(r, owner, image.jobId());
            }
            Image failed = ImageRows.withStatus(image, ImageStatus.FAILED, why, image.content(), image.variants(), context.now());
            r.images().update(failed);
            return failed;
        });
    }

    Image describe(UserId owner, ImageId id, String title, String description, List<String> tags) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        String validTitle = ValidImage.title(title);
        String validDescription = ValidImage.description(description);
        List<String> validTags = ValidImage.tags(tags);
        return context.storage().write(r -> {
            Image i = ImageRows.locked(r, owner, id);
            Image described = i.toBuilder().title(validTitle).description(validDescription).tags(validTags)
                    .updatedAt(context.now()).build();
            r.images().update(described);
            return described;
        });
    }

    Image recordQc(UserId owner, ImageId id, QcStatus status, String reason) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        Validate.notNull("status", status);
        String why = ValidImage.reason(reason);
        if (status == QcStatus.FAILED && why == null) {
            throw new InvalidInputException("reason", "must be given when the check FAILED");
        }
        return context.storage().write(r -> {
            Image i = ImageRows.locked(r, owner, id);
            Image checked = i.toBuilder().qcStatus(status).qcReason(why).updatedAt(context.now()).build();
            r.images().update(checked);
            return checked;
        });
    }
}
