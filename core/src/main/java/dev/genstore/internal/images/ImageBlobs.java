package dev.genstore.internal.images;

import dev.genstore.accounts.UserId;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.images.ImageContent;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.Variant;
import dev.genstore.internal.GenstoreBlobs;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.imaging.ImageProcessor.Encoded;
import dev.genstore.internal.imaging.ImageProcessor.Processed;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where an image's blobs go: one key per original and variant under the owner's image prefix, named after the image id
 * and its file name, and the content and variant records that point at them.
 */
final class ImageBlobs {
    private final ImagePolicy policy;

    ImageBlobs(ImagePolicy policy) {
        this.policy = policy;
    }

    /** The prefix of every image blob (inside genstore's root). */
    String prefix() {
        return GenstoreBlobs.imagePrefix(policy);
    }

    /** The prefix of the owner's image blobs. */
    String ownerPrefix(UserId owner) {
        return BlobKeys.ownerPrefix(prefix(), owner);
    }

    /** The original first, then one blob per variant in the order of {@code processed.variants()}. */
    List<RowBlobs.Blob> blobsOf(UserId owner, ImageId id, Instant at, Processed processed, byte[] content, String fileName) {
        String stem = id + "-" + baseName(fileName);
        List<RowBlobs.Blob> blobs = new ArrayList<>();
        String originalExtension = switch (processed.probe().format()) {
            case "jpeg" -> "jpg";
            case "tiff" -> "tif";
            default -> processed.probe().format();
        };
        blobs.add(new RowBlobs.Blob(BlobKeys.of(prefix(), owner, at, stem + "." + originalExtension), content,
                "image/" + processed.probe().format()));
        for (Encoded variant : processed.variants()) {
            String file = stem + "." + variant.spec().kind().name().toLowerCase(Locale.ROOT) + "." + variant.spec().format().extension();
            blobs.add(new RowBlobs.Blob(BlobKeys.of(prefix(), owner, at, file), variant.bytes(), variant.spec().format().contentType()));
        }
        return blobs;
    }

    private static String baseName(String fileName) {
        if (fileName == null) {
            return "image";
        }
        String sanitized = BlobKeys.sanitizeFileName(fileName);
        int dot = sanitized.lastIndexOf('.');
        String stem = dot > 0 ? sanitized.substring(0, dot) : sanitized;
        return stem.length() > 50 ? stem.substring(0, 50) : stem;
    }

    /** The original's record, stored under the first of {@link #blobsOf}. */
    static ImageContent contentOf(Processed processed, byte[] content, List<RowBlobs.Blob> blobs) {
        return new ImageContent(processed.probe().format(), processed.width(), processed.height(), content.length,
                processed.sha256(), blobs.get(0).key());
    }

    /** The variants' records, stored under the rest of {@link #blobsOf}. */
    static List<Variant> variantsOf(Processed processed, List<RowBlobs.Blob> blobs) {
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < processed.variants().size(); i++) {
            Encoded encoded = processed.variants().get(i);
            variants.add(new Variant(encoded.spec().kind(), encoded.spec().format(), encoded.width(), encoded.height(),
                    encoded.bytes().length, blobs.get(i + 1).key()));
        }
        return variants;
    }
}
