package dev.genstore.errors;

/**
 * The store was closed (or its storage was never opened): nothing was read or written. Every method of every service
 * a {@code Genstore} handed out, and its own transaction, export, import, copy and housekeeping methods, throw it once
 * {@code close()} has begun. Not retryable: open a new store.
 */
public class StoreClosedException extends GenstoreException {
    private static final long serialVersionUID = 1L;

    public StoreClosedException(String message) {
        super(message);
    }
}
