package dev.genstore.spi;

/**
 * A row could not be stored because a row it refers to does not exist (a foreign key failed): a job whose owner or
 * configuration was never there or was deleted meanwhile. Thrown by a repository; the service that called it turns it
 * into the {@link dev.genstore.errors.NotFoundException} its caller is promised. The transaction can only roll back.
 */
public final class MissingReferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MissingReferenceException(String message, Throwable cause) {
        super(message, cause);
    }
}
