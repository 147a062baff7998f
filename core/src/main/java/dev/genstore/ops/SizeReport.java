package dev.genstore.ops;

import java.util.List;
import java.util.Map;

/**
 * How big the store is.
 *
 * @param databaseBytes the bytes genstore's tables take in the database: SQLite the database file (pages × page
 *                      size, without the WAL), PostgreSQL the tables of genstore's schema with their indexes and TOAST,
 *                      memory (H2) an estimate of the tables' data; -1 where the backend cannot tell
 * @param blobBytes     the bytes of every blob in the blob store in use (images, variants, cached images)
 * @param rowsPerTable  the exact row count of each of genstore's tables, by table name in lower case, sorted by name
 * @param largestUsers  the users whose images take the most bytes, largest first (then by id)
 */
public record SizeReport(long databaseBytes, long blobBytes, Map<String, Long> rowsPerTable, List<UserUsage> largestUsers) {
    public SizeReport {
        rowsPerTable = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rowsPerTable));
        largestUsers = List.copyOf(largestUsers);
    }
}
