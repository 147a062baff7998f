package dev.genstore.spi;

import java.util.List;
import java.util.Set;

/**
 * Table-level access for export, import and copy: rows as lists of values in {@link TableSpec#columns()} order,
 * typed by {@link LogicalType} ({@code null} for SQL NULL), whatever the backend stores. Bound to one transaction like
 * every repository.
 */
public interface TableRepository {
    /** The highest schema migration applied to the database, e.g. {@code "6"}. */
    String schemaVersion();

    /** The number of rows in the table. */
    long count(TableSpec table);

    /**
     * Up to {@code limit} rows whose key sorts after {@code afterKey} (the key values of the last row of the previous
     * page; null for the first page), in ascending key order. The order is the backend's own but stable, so scanning
     * page by page visits every row once.
     */
    List<List<Object>> scan(TableSpec table, List<Object> afterKey, int limit);

    /**
     * Writes the rows; a row whose key is already present replaces the stored one, so writing the same rows again
     * changes nothing. Derived structures (full-text indexes) follow the rows.
     */
    void upsert(TableSpec table, List<List<Object>> rows);

    /** The names of the data tables the database holds (derived tables, such as full-text indexes, and the schema history left out). */
    Set<String> tableNames();

    /** The names of the data columns of {@code table} as the database has them (derived columns left out). */
    Set<String> columnNames(String table);
}
