package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.spi.ColumnSpec;
import dev.genstore.spi.Storage;
import dev.genstore.spi.TableCatalog;
import dev.genstore.spi.TableSpec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The schema a backend really creates, read through JDBC's {@link DatabaseMetaData} (not through the backend's own
 * {@code TableRepository}), against {@link TableCatalog}: every table and column in the migrated database is one that
 * export, import and copy carry, unless the backend lists it in {@link #notExported()} with the reason; and every
 * catalog table and column exists. A migration that adds a column without adding it to the catalog fails here, on the
 * backend that added it. Also proves that a shared migration (one file with the dialect's placeholders) applies on the
 * backend.
 */
public abstract class LiveSchemaContract {
    /** The shared example migration, in core's test-jar: it uses every placeholder a dialect supplies. */
    protected static final String SHARED_EXAMPLE_LOCATION = "classpath:dev/genstore/contract/sharedmigration";

    private Storage storage;

    /** A new storage over a fresh database, not yet opened; {@link #connect()} reaches the same database. */
    protected abstract Storage newStorage();

    /** A new JDBC connection to the database of the last {@link #newStorage()} (while it is open). */
    protected abstract Connection connect() throws SQLException;

    /**
     * Applies the migrations at {@code location} to the database of the last {@link #newStorage()}, with the backend's
     * placeholders and a history table of the given name (so genstore's own history is left alone).
     */
    protected abstract void applySharedMigrations(String location, String historyTable);

    /**
     * Tables ({@code table}) and columns ({@code table.column}), lower case, that the database holds but export and
     * copy deliberately leave out, each with the reason (derived structures such as full-text indexes, rebuilt from the
     * rows). Empty by default.
     */
    protected Map<String, String> notExported() {
        return Map.of();
    }

    @AfterEach
    void closeStorage() {
        if (storage != null) {
            storage.close();
        }
    }

    @Test
    void everyTableAndColumnOfTheDatabaseIsInTheCatalogOrListedAsNotExported() throws SQLException {
        openFresh();
        Map<String, Set<String>> live = liveColumns();
        live.keySet().removeIf(table -> table.equals("genstore_schema_history") || notExported().containsKey(table));
        live.forEach((table, columns) -> columns.removeIf(column -> notExported().containsKey(table + "." + column)));

        Map<String, Set<String>> catalog = new TreeMap<>();
        for (TableSpec table : TableCatalog.tables()) {
            Set<String> columns = new TreeSet<>();
            table.columns().stream().map(ColumnSpec::name).forEach(columns::add);
            catalog.put(table.name(), columns);
        }
        assertEquals(catalog, live, "the database's tables and columns (left: TableCatalog, right: the database): a"
                + " migration added or dropped a table or column; carry it in TableCatalog, or list it in the backend's"
                + " notExported() with the reason");
    }

    @Test
    void everyNotExportedEntryStillExists() throws SQLException {
        openFresh();
        Map<String, Set<String>> live = liveColumns();
        for (String entry : notExported().keySet()) {
            String[] parts = entry.split("\\.", 2);
            boolean exists = parts.length == 1 ? live.containsKey(parts[0])
                    : live.getOrDefault(parts[0], Set.of()).contains(parts[1]);
            assertTrue(exists, "notExported() names " + entry + ", which the database does not have: remove it");
        }
    }

    @Test
    void aSharedMigrationWithTheDialectsPlaceholdersApplies() throws SQLException {
        openFresh();
        applySharedMigrations(SHARED_EXAMPLE_LOCATION, "shared_example_history");
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO shared_example (id, name, blob_key, at, document, content, small, large, ratio)"
                    + " VALUES ('0190d2a0-0000-7000-8000-000000000001', 'ann', 'k/1', NULL, '{}', NULL, 1, 2, 0.5)");
            try (ResultSet rs = s.executeQuery("SELECT name, small, large FROM shared_example")) {
                assertTrue(rs.next());
                assertEquals("ann", rs.getString(1));
                assertEquals(2L, rs.getLong(3));
            }
        }
        assertEquals(Set.of("id", "name", "blob_key", "at", "document", "content", "small", "large", "ratio"),
                liveColumns().get("shared_example"));
    }

    private void openFresh() {
        storage = newStorage();
        storage.open();
    }

    /** Table name to column names, lower case, of the connection's schema. */
    private Map<String, Set<String>> liveColumns() throws SQLException {
        Map<String, Set<String>> tables = new TreeMap<>();
        try (Connection c = connect()) {
            DatabaseMetaData meta = c.getMetaData();
            try (ResultSet rs = meta.getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    tables.put(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT), new TreeSet<>());
                }
            }
            try (ResultSet rs = meta.getColumns(c.getCatalog(), c.getSchema(), "%", "%")) {
                while (rs.next()) {
                    Set<String> columns = tables.get(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                    if (columns != null) {
                        columns.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
        return tables;
    }
}
