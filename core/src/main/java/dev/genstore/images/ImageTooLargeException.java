package dev.genstore.images;

/**
 * The image is larger than the {@link ImagePolicy} allows: more pixels than {@link ImagePolicy#maxPixels()} (read from
 * its header, before decoding) or more bytes than {@link ImagePolicy#maxBytes()}. Thrown before anything is written.
 */
public class ImageTooLargeException extends InvalidImageException {
    private static final long serialVersionUID = 1L;

    public ImageTooLargeException(String problem) {
        super(problem);
    }
}
