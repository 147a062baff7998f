package dev.genstore.spi;

import dev.genstore.accounts.UserId;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.VariantKind;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Storage of images with their tags and variants. Every read is scoped by the owner; changes to an image happen after
 * {@link #lock} in the same transaction.
 */
public interface ImageRepository {
    /** Inserts the image with its tags and variants. */
    void insert(Image image);

    Optional<Image> find(UserId owner, ImageId id);

    /** The owner's image, locked until the transaction ends. */
    Optional<Image> lock(UserId owner, ImageId id);

    /** Writes every mutable field of the image, and replaces its tags and variants with the given ones. */
    void update(Image image);

    /** Deletes the image with its tags and variants; false when there was none. */
    boolean delete(ImageId id);

    /** The owner's images that match {@code filter} with an id below {@code before} (all when null), newest first, at most {@code limit}. */
    List<Image> listBefore(UserId owner, ImageFilter filter, ImageId before, int limit);

    ImageStatistics statistics(UserId owner);

    /** The keys of every blob (originals and variants) the owner's images reference. */
    List<String> storageKeys(UserId owner);

    /** The blobs referenced by the (up to {@code limit}) images with an id above {@code after} (all when null), by image id. */
    List<ImageBlobRef> blobRefsAfter(ImageId after, int limit);

    /** Those of {@code keys} that an image or variant row references. */
    Set<String> referencedKeys(Collection<String> keys);

    /** Deletes one variant row; false when there was none. */
    boolean deleteVariant(ImageId id, VariantKind kind);
}
