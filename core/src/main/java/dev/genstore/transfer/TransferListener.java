package dev.genstore.transfer;

/**
 * Told how an export, import or copy advances, table by table. Called on the thread that runs the transfer; a
 * listener that throws stops the transfer (an import then leaves the target as it was; a copy can be run again).
 */
@FunctionalInterface
public interface TransferListener {
    /**
     * {@code done} of {@code total} rows of {@code table} (or, for the table named {@code "blobs"}, blobs) are through.
     */
    void progress(String table, long done, long total);

    /** A listener that ignores progress. */
    static TransferListener none() {
        return (table, done, total) -> {
        };
    }
}
