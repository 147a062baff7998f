package dev.genstore.errors;

/**
 * The connection to the database was lost while it committed the operation, and the database could not be asked
 * before the operation's deadline whether the commit took effect: the operation may or may not have happened. genstore
 * never repeats such an operation on its own. Not {@link #retryable() retryable} as it stands: look first (e.g. find
 * the job, the image or the ledger entry by its reference) and repeat it only when it is not there, or repeat it with
 * an idempotency key where the call takes one.
 */
public class CommitOutcomeUnknownException extends StorageException {
    private static final long serialVersionUID = 1L;

    public CommitOutcomeUnknownException(String message, Throwable cause) {
        super(message, false, cause);
    }
}
