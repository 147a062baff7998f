package dev.genstore.transfer;

import dev.genstore.errors.GenstoreException;

/**
 * An export, import or copy refused or failed a check. {@link #reason()} says which; the message names the table or
 * blob and the values that disagree. An import that throws it has written nothing.
 */
public class TransferException extends GenstoreException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Reason {
        /** A file, row set or blob does not have the SHA-256 checksum recorded for it. */
        CHECKSUM_MISMATCH,
        /** A table or the blob store holds another number of rows or blobs than expected. */
        COUNT_MISMATCH,
        /** The target of an import (or the directory of an export) is not empty. */
        TARGET_NOT_EMPTY,
        /** The export was made at another schema version than the target's. */
        SCHEMA_MISMATCH,
        /** The export is missing files or holds something that cannot be read. */
        UNREADABLE,
        /** After a copy, the target's ledger does not add up. */
        VERIFICATION_FAILED,
        /** The export cannot be written: a directory or file in it cannot be created or written (the cause says why). */
        WRITE_FAILED
    }

    private final Reason reason;

    public TransferException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public TransferException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** What went wrong. */
    public Reason reason() {
        return reason;
    }
}
