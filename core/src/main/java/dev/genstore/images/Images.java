package dev.genstore.images;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Generated and uploaded images with their variants. Every read and change names the owner: an image is reachable only
 * through the user it belongs to, and another user's image is {@link NotFoundException not found}.
 *
 * <p>An image's rows and blobs never disagree. Storing probes and decodes the bytes and makes the variants before
 * writing anything; it then writes the blobs and, after them, the rows (with the job's counters) in one transaction. If
 * that transaction fails or rolls back, the blobs written for it are deleted again; with the database as blob store
 * blobs and rows share the transaction. Deleting removes the rows first and the blobs once that has committed. What a
 * crash in between leaves behind, {@link #sweep} finds.
 */
public interface Images {

    /**
     * Stores an image from its encoded bytes (PNG, JPEG, WebP, GIF, BMP or TIFF): probes format and size from the
     * header before decoding, refuses images above the policy's limits, makes the policy's variants, and records the
     * image as COMPLETED. With a job, the job's successful-image count goes up in the same transaction while the job
     * has not finished. A job that already SUCCEEDED had its counts set by {@code JobQueue.complete}: an image recorded
     * then is one of the successful images it counted, and is accepted while fewer images than that are recorded;
     * beyond, it is a {@link ConflictException} that says to record a job's images before completing it (or to
     * complete it with the number of images that will be recorded).
     *
     * @throws InvalidImageException   when the bytes are not an image genstore can read, are corrupt, or a variant of
     *                                 the policy cannot be encoded from them
     * @throws ImageTooLargeException  when the image has more pixels or bytes than the policy allows
     * @throws NotFoundException       for an unknown owner, or a job that is not the owner's
     * @throws ConflictException       when the job already counts all of its images
     * @throws InvalidInputException   when a field of {@code image} is invalid
     */
    Image store(NewImage image, byte[] content);

    /** Like {@link #store(NewImage, byte[])}, reading the stream (not closing it) up to the policy's byte limit. */
    Image store(NewImage image, InputStream content);

    /**
     * Records an image whose original is already in the store's blob store, without reading or decoding it (seed 003's
     * {@code attachAssetToJob}): the key, media type, size and dimensions are the caller's, checked for shape, and the
     * blob must exist with that size. The image is COMPLETED at once, has no variants (nothing was decoded to make them)
     * and its {@link ImageContent#sha256()} is {@code null}. From then on the image owns the blob: deleting the image
     * deletes it. With a job, the image is counted like {@link #store(NewImage, byte[])} counts it (see there for images
     * recorded after the job succeeded).
     *
     * @throws InvalidInputException  naming {@code storageKey}, {@code mimeType}, {@code bytes}, {@code width} or
     *                                {@code height} when one is malformed or the size is not the blob's
     * @throws ImageTooLargeException when the dimensions or size exceed the policy's limits
     * @throws NotFoundException      when no blob has this key (entity {@code blob}), for an unknown owner, or a job
     *                                that is not the owner's
     * @throws ConflictException      when another image already has this blob, or the job already counts all of its
     *                                images
     */
    Image register(NewImage image, StoredContent content);

    /** Records an image that has no content yet (a generation that has started, say) as PENDING. */
    Image create(NewImage image);

    /**
     * Moves a PENDING image to PROCESSING.
     *
     * @throws IllegalTransitionException unless the image is PENDING
     */
    Image startProcessing(UserId owner, ImageId id);

    /**
     * Stores the content of a PROCESSING image, as {@link #store(NewImage, byte[])} does, and moves it to
     * COMPLETED.
     *
     * @throws IllegalTransitionException unless the image is PROCESSING; nothing is written then
     */
    Image complete(UserId owner, ImageId id, byte[] content);

    /**
     * Moves a PROCESSING image to FAILED with a reason; its job's failed-image count goes up in the same
     * transaction.
     *
     * @throws IllegalTransitionException unless the image is PROCESSING
     */
    Image fail(UserId owner, ImageId id, String reason);

    /** The owner's image, if any. */
    Optional<Image> find(UserId owner, ImageId id);

    /**
     * The owner's image.
     *
     * @throws NotFoundException when the owner has no such image
     */
    Image get(UserId owner, ImageId id);

    /**
     * Replaces title, description and tags ({@code null} title or description clears it).
     *
     * @throws NotFoundException when the owner has no such image
     */
    Image describe(UserId owner, ImageId id, String title, String description, List<String> tags);

    /**
     * Records the quality check's outcome. A FAILED check needs a reason.
     *
     * @throws InvalidInputException when a FAILED check has no reason
     */
    Image recordQc(UserId owner, ImageId id, QcStatus status, String reason);

    /**
     * The original's bytes as a stream the caller closes.
     *
     * @throws NotFoundException when the owner has no such image, or it has no content yet
     */
    InputStream openContent(UserId owner, ImageId id);

    /**
     * A variant's bytes as a stream the caller closes.
     *
     * @throws NotFoundException when the owner has no such image, or it has no variant of this kind
     */
    InputStream openVariant(UserId owner, ImageId id, VariantKind kind);

    /**
     * Deletes the image with its variants, and their blobs once the deletion has committed.
     *
     * @throws NotFoundException when the owner has no such image
     */
    void delete(UserId owner, ImageId id);

    /** The owner's images that match the filter, newest first, in keyset pages. */
    Page<Image> list(UserId owner, ImageFilter filter, PageRequest page);

    /** Counts, tokens and bytes over the owner's images. */
    ImageStatistics statistics(UserId owner);

    /**
     * Compares the blobs under the images' key prefix with the rows that reference them: reports blobs no row
     * references (skipping those younger than {@code grace} by the timestamp in their key, which may belong to a store
     * still in progress) and rows whose blob is missing. With {@code repair}, deletes those orphan blobs, the variant
     * rows whose blob is missing, and the images whose original is missing (with their remaining blobs).
     */
    BlobSweepReport sweep(Duration grace, boolean repair);
}
