package dev.genstore.errors;

/**
 * The request contradicts what is stored: a duplicate of a unique value (an email, an identity), or an idempotency key
 * (a reference id) reused with different terms. Retrying the same request will fail the same way.
 */
public class ConflictException extends GenstoreException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }
}
