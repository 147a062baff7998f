package dev.genstore.ops;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import java.time.Duration;
import java.util.Optional;

/**
 * Operating a store: check it, maintain it, measure it, purge it. Each method runs its own transactions (or plain
 * statements, for maintenance) and must be called outside {@code genstore.transaction(...)}: there it throws
 * {@link dev.genstore.errors.NestedTransactionException}. Meant for an operator, a scheduled task or the CLI, not for request paths: they read
 * or touch every row.
 */
public interface Operations {

    /**
     * Checks the whole store, with orphan blobs younger than {@link PurgeRequest#DEFAULT_ORPHAN_GRACE} left out (they
     * may belong to a store in progress). Same as {@link #verify(Duration)} with that grace.
     */
    IntegrityReport verify();

    /**
     * Checks the whole store and reports every inconsistency, by check (the constants of {@link IntegrityProblem}):
     * the ledger ({@code Ledger#verify}); foreign keys (rows whose parent is gone, on every backend); image, cache and
     * prompt-thumbnail rows whose blob is missing, and blobs under {@code images/}, {@code cache/} and {@code prompts/}
     * that no row names and are older than {@code orphanGrace}; jobs counting fewer successful or failed images than they have (a deleted image
     * leaves its job's count as it was, so a count may exceed the images, never fall short); the cache's counters
     * against its entries; and the database's own check: SQLite {@code PRAGMA integrity_check}, PostgreSQL invalid
     * indexes and unvalidated constraints (H2 has no such check). Changes nothing. Checks run in several
     * transactions, so writes made meanwhile may show as passing problems: run it on a quiet store for a definite
     * answer.
     *
     * @throws InvalidInputException when {@code orphanGrace} is null or negative
     * @throws StorageException      when the database cannot be read
     */
    IntegrityReport verify(Duration orphanGrace);

    /** The result of the last {@link #verify} this store ran (since it opened), if any: for a health check. */
    Optional<IntegrityReport> lastVerification();

    /**
     * The schema version the database's migrations reached (e.g. {@code "16"}); empty for a backend that cannot tell.
     *
     * @throws StorageException when the database cannot be read
     */
    Optional<String> schemaVersion();

    /**
     * Maintains the database. SQLite: {@code PRAGMA optimize}, {@code ANALYZE}, {@code PRAGMA incremental_vacuum}
     * (only in a database created with {@code auto_vacuum=INCREMENTAL}, as genstore creates new ones; an older one
     * reports the step skipped) and {@code PRAGMA wal_checkpoint(TRUNCATE)}, on the writer connection: other writes
     * wait meanwhile. PostgreSQL: {@code ANALYZE} of each of genstore's tables (autovacuum does the rest). Memory
     * (H2): {@code ANALYZE}.
     *
     * @throws StorageException when a step fails
     */
    MaintenanceReport maintain();

    /** The store's sizes, with the 10 users whose images take the most bytes. */
    SizeReport sizes();

    /**
     * The store's sizes (see {@link SizeReport}): database bytes, blob bytes (listing every blob), exact rows per
     * table and the {@code largestUsers} users whose images take the most bytes.
     *
     * @throws InvalidInputException when {@code largestUsers} is negative or above 1000
     */
    SizeReport sizes(int largestUsers);

    /**
     * Removes what the request names, each category in its own transaction, in the order of {@link PurgeRequest}'s
     * constants, and reports how many of each it removed. A dry run counts exactly what a real run would remove at the
     * same moment (for database rows it runs the same work and rolls it back) and removes nothing.
     *
     * @throws InvalidInputException when {@code request} is null
     * @throws StorageException      when the database fails; categories already purged stay purged
     */
    PurgeReport purge(PurgeRequest request);
}
