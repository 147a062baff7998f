package dev.genstore.images;

/**
 * Figures over one user's images.
 *
 * @param totalImages     all of the user's images, whatever their status
 * @param generatedImages the GENERATED ones
 * @param uploadedImages  the UPLOADED ones
 * @param tokensUsed      the tokens all of them cost
 * @param bytesStored     the bytes of their originals and variants
 */
public record ImageStatistics(long totalImages, long generatedImages, long uploadedImages, long tokensUsed,
                              long bytesStored) {
}
