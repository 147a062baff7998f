package dev.genstore.errors;

/**
 * Root of every exception genstore throws. All are unchecked; each subclass means one thing a caller can act on.
 */
public abstract class GenstoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected GenstoreException(String message) {
        super(message);
    }

    protected GenstoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
