package dev.genstore.jdbc;

import java.util.Map;
import java.util.Optional;

/**
 * What {@link JdbcStorage#inspect()} found in a database, read without migrating or writing anything.
 *
 * @param backend   the backend's short name, e.g. {@code "sqlite"}
 * @param installed the schema version genstore's migrations have brought the database to; empty when none ran yet
 * @param latest    the newest schema version this genstore knows
 * @param pending   how many of this genstore's migrations the database lacks ({@code genstore migrate} applies them)
 * @param newer     true when a newer genstore migrated the database: this genstore refuses to open it
 * @param rowCounts rows per table (genstore's history table left out), in table-name order
 */
public record SchemaStatus(String backend, Optional<String> installed, String latest, int pending, boolean newer,
                           Map<String, Long> rowCounts) {
    public SchemaStatus {
        rowCounts = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(rowCounts));
    }

    /** True when this genstore can open the database as it is: nothing pending and nothing newer. */
    public boolean upToDate() {
        return pending == 0 && !newer;
    }
}
