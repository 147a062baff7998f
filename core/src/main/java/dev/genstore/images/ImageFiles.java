package dev.genstore.images;

import java.util.List;

/**
 * What is stored of an image: its original, its sizes and how they were made. Part of {@link Image}
 * ({@link Image#files()}).
 *
 * @param content            the stored original, or {@code null} until the image is COMPLETED
 * @param variants           its stored sizes, sorted by kind (made so)
 * @param processingSettings how it was post-processed
 */
public record ImageFiles(ImageContent content, List<Variant> variants, ProcessingSettings processingSettings) {
    public ImageFiles {
        variants = variants.stream().sorted((a, b) -> a.kind().compareTo(b.kind())).toList();
    }
}
