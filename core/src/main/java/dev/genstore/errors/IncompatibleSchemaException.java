package dev.genstore.errors;

/**
 * The database was migrated by a newer genstore than this one; it was opened read-only for the check and nothing was
 * written. Upgrade genstore, or open a backup taken before the upgrade.
 */
public class IncompatibleSchemaException extends StorageException {
    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String message) {
        super(message, false, null);
    }
}
