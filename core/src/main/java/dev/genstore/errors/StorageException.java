package dev.genstore.errors;

/**
 * The storage failed (connection lost, disk full, lock wait timed out). {@link #retryable()} says whether running the
 * same operation again may succeed. The operation's transaction was rolled back.
 */
public class StorageException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;

    public StorageException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when the failure was transient (a deadlock, a busy database, a pool timeout) and a retry may succeed. */
    public boolean retryable() {
        return retryable;
    }
}
