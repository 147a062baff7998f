package dev.genstore.images;

import java.util.List;

/**
 * What a sweep of image blobs found (and, when asked, removed).
 *
 * @param orphanBlobs  keys of blobs under the images prefix that no image row references
 * @param missingBlobs blobs that rows reference but the blob store does not hold
 * @param repaired     true when the sweep deleted the orphan blobs and the rows whose blobs are missing
 */
public record BlobSweepReport(List<String> orphanBlobs, List<MissingBlob> missingBlobs, boolean repaired) {
    public BlobSweepReport {
        orphanBlobs = List.copyOf(orphanBlobs);
        missingBlobs = List.copyOf(missingBlobs);
    }

    /** True when rows and blobs agree. */
    public boolean isClean() {
        return orphanBlobs.isEmpty() && missingBlobs.isEmpty();
    }

    /**
     * A blob a row references that the store does not hold.
     *
     * @param imageId    the image
     * @param kind       the variant, or {@code null} for the original
     * @param storageKey the missing key
     */
    public record MissingBlob(ImageId imageId, VariantKind kind, String storageKey) {
    }
}
