package dev.genstore.internal.images;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.ImageContent;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.ImageTooLargeException;
import dev.genstore.images.StoredContent;
import dev.genstore.internal.Validate;
import dev.genstore.spi.Repositories;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The checks of an image registered from a blob already stored: shape first, then the blob itself. */
final class StoredContents {
    /** Media types genstore records, to the format names {@link ImageContent} uses. */
    private static final Map<String, String> FORMATS = Map.of("image/png", "png", "image/jpeg", "jpeg",
            "image/jpg", "jpeg", "image/webp", "webp", "image/gif", "gif", "image/bmp", "bmp", "image/tiff", "tiff");

    private StoredContents() {
    }

    /** The content as it will be recorded (no SHA-256: the bytes are not read), after checks that read nothing. */
    static ImageContent check(StoredContent content, ImagePolicy policy) {
        String key;
        try {
            key = BlobKeys.requireValid(content.storageKey());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("storageKey", e.getMessage());
        }
        String mimeType = Validate.text("mimeType", content.mimeType(), 100).toLowerCase(Locale.ROOT);
        String format = FORMATS.get(mimeType);
        if (format == null) {
            throw new InvalidInputException("mimeType", "must be one of image/png, image/jpeg, image/webp, image/gif,"
                    + " image/bmp, image/tiff, was " + mimeType);
        }
        if (content.bytes() < 1) {
            throw new InvalidInputException("bytes", "must be 1 or more, was " + content.bytes());
        }
        if (content.width() < 1) {
            throw new InvalidInputException("width", "must be 1 or more, was " + content.width());
        }
        if (content.height() < 1) {
            throw new InvalidInputException("height", "must be 1 or more, was " + content.height());
        }
        if ((long) content.width() * content.height() > policy.maxPixels()) {
            throw new ImageTooLargeException("has " + content.width() + "x" + content.height() + " pixels, more than the"
                    + " limit of " + policy.maxPixels());
        }
        if (content.bytes() > policy.maxBytes()) {
            throw new ImageTooLargeException("has " + content.bytes() + " bytes, more than the limit of "
                    + policy.maxBytes());
        }
        return new ImageContent(format, content.width(), content.height(), content.bytes(), null, key);
    }

    /**
     * Fails unless the blob exists with the stated size and no image has it yet. Called in the write transaction, so
     * a database blob store answers from the same transaction.
     */
    static void requireBlob(BlobStore blobs, Repositories r, ImageContent content) {
        String key = content.storageKey();
        BlobInfo info = blobs.info(key).orElseThrow(() -> new NotFoundException("blob", key));
        if (info.size() != content.bytes()) {
            throw new InvalidInputException("bytes", "the blob " + key + " has " + info.size() + " bytes, not "
                    + content.bytes());
        }
        if (!r.images().referencedKeys(List.of(key)).isEmpty()) {
            throw new ConflictException("blob " + key + " already belongs to an image");
        }
    }
}
