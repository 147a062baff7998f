package dev.genstore.spi;

import dev.genstore.accounts.UserId;
import dev.genstore.images.ImageId;
import dev.genstore.images.VariantKind;

/**
 * A blob an image row references.
 *
 * @param imageId    the image
 * @param owner      its owner
 * @param kind       the variant, or {@code null} for the original
 * @param storageKey the blob's key
 */
public record ImageBlobRef(ImageId imageId, UserId owner, VariantKind kind, String storageKey) {
}
