package dev.genstore.ops;

/**
 * One inconsistency {@link Operations#verify()} found.
 *
 * @param check   the stable id of the check that found it, one of the constants of this record (e.g. {@value #LEDGER})
 * @param subject what is inconsistent: a table, a row id, a blob key, a user id
 * @param detail  the figures involved, for a human
 */
public record IntegrityProblem(String check, String subject, String detail) {
    /** An account's balance, balance-after chain or held total disagrees with its entries and holds. */
    public static final String LEDGER = "ledger";
    /** A row names a parent row that does not exist. */
    public static final String FOREIGN_KEYS = "foreign-keys";
    /**
     * A row (an image, a variant, a cache entry) names a blob the blob store does not hold, or a cache entry whose
     * bytes are kept in the database has none there.
     */
    public static final String BLOB_MISSING = "blob-missing";
    /** The blob store holds a blob under genstore's prefixes that no row names (older than the grace period). */
    public static final String BLOB_ORPHAN = "blob-orphan";
    /** A job counts fewer successful or failed images than it has. */
    public static final String JOB_COUNTERS = "job-counters";
    /** The cache's counters disagree with its entries (or are negative or missing). */
    public static final String CACHE_STATISTICS = "cache-statistics";
    /** SQLite's own {@code PRAGMA integrity_check} reported damage. */
    public static final String SQLITE_INTEGRITY = "sqlite-integrity";
    /** PostgreSQL's catalog shows an invalid index or a constraint that was never validated. */
    public static final String CATALOG = "catalog";

    public IntegrityProblem {
        if (check == null || subject == null || detail == null) {
            throw new dev.genstore.errors.InvalidInputException(check == null ? "check" : subject == null ? "subject" : "detail",
                    "must not be null");
        }
    }
}
