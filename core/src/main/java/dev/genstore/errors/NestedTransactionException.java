package dev.genstore.errors;

/**
 * The call cannot run inside the transaction the calling thread is in, and nothing was done: a write inside a
 * read-only transaction (a listener of an export, which reads in one read transaction, that writes to the store), or
 * a store operation or housekeeping run, which runs its own transactions, called inside
 * {@code genstore.transaction(...)}. Call it after the enclosing transaction ends.
 */
public class NestedTransactionException extends GenstoreException {
    private static final long serialVersionUID = 1L;

    public NestedTransactionException(String message) {
        super(message);
    }
}
