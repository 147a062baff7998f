package dev.genstore.spi;

import dev.genstore.ops.IntegrityProblem;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What a backend offers for operating its database, outside any transaction: its own integrity check, maintenance and
 * sizes. A backend that cannot do one of these says so in what it returns rather than failing. Obtained from
 * {@link Storage#operations()}.
 */
public interface StorageOperations {

    /**
     * The database's own checks: rows whose foreign key names no parent ({@link IntegrityProblem#FOREIGN_KEYS}) and
     * whatever check of its files or catalog the database has ({@link IntegrityProblem#SQLITE_INTEGRITY},
     * {@link IntegrityProblem#CATALOG}). Empty when healthy.
     */
    List<IntegrityProblem> check();

    /** Runs the database's maintenance and returns one line per step, skipped steps with their reason. */
    List<String> maintain();

    /** The bytes the database (or genstore's schema in it) takes; -1 when unknown. */
    long databaseBytes();

    /** The exact row count of each of genstore's tables, by lower-case table name. */
    Map<String, Long> rowsPerTable();

    /**
     * Runs {@code work} unless another store on the same database is running work under the same {@code name} now;
     * then it returns empty at once, without waiting. A backend whose database several processes share (PostgreSQL)
     * must exclude across them, and release the exclusion when a process dies; this default, for a database one
     * process owns, runs {@code work} and leaves exclusion within the process to the caller.
     */
    default <T> Optional<T> exclusively(String name, Supplier<T> work) {
        return Optional.of(work.get());
    }

    /** The schema version the database's migrations reached (e.g. {@code "16"}); empty when the backend cannot tell. */
    default Optional<String> schemaVersion() {
        return Optional.empty();
    }

    /** What a storage without operations returns: no checks, no maintenance, sizes unknown. */
    StorageOperations NONE = new StorageOperations() {
        @Override
        public List<IntegrityProblem> check() {
            return List.of();
        }

        @Override
        public List<String> maintain() {
            return List.of("nothing to do: this storage has no maintenance");
        }

        @Override
        public long databaseBytes() {
            return -1;
        }

        @Override
        public Map<String, Long> rowsPerTable() {
            return Map.of();
        }
    };
}
