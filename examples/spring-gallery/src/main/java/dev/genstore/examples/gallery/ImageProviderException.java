package dev.genstore.examples.gallery;

/** The image provider could not make an image; the job's tokens were given back. Answered with 502. */
public class ImageProviderException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ImageProviderException(String message) {
        super(message);
    }
}
