package dev.genstore.memory.internal;

import dev.genstore.jdbc.Housekeeping;
import dev.genstore.jdbc.SchemaPlaceholders;
import dev.genstore.jdbc.StandardDialect;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** H2 2.x: native UUID and timestamp-with-time-zone types, MVStore row locks for {@code FOR UPDATE}. */
public final class H2Dialect extends StandardDialect {
    /** H2's "concurrent update in table" and lock timeout error codes. */
    private static final int CONCURRENT_UPDATE = 90131;
    private static final int LOCK_TIMEOUT = 50200;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String migrationLocation() {
        return "classpath:dev/genstore/memory/migration";
    }

    /** Unbounded {@code VARCHAR} for text (H2's {@code TEXT} is a CLOB), JSON kept as text. */
    @Override
    public SchemaPlaceholders schemaPlaceholders() {
        return new SchemaPlaceholders("UUID", "VARCHAR", "VARCHAR", "TIMESTAMP(6) WITH TIME ZONE", "VARCHAR", "VARBINARY",
                "INTEGER", "BIGINT", "DOUBLE PRECISION", "");
    }

    @Override
    public String microsBetween(String from, String to) {
        return "DATEDIFF(MICROSECOND, " + from + ", " + to + ")";
    }

    @Override
    public boolean isTransient(SQLException e) {
        return super.isTransient(e) || e.getErrorCode() == CONCURRENT_UPDATE || e.getErrorCode() == LOCK_TIMEOUT;
    }

    /**
     * A prefix match of every query term against the prompts' space-separated search terms, with {@code LIKE}: H2's
     * native full-text index (V7, dropped by V14) matched whole words only. This scans the prompts, which suits the
     * memory backend (tests and prototypes). The patterns are bound, never written into the SQL, and a term holds no
     * {@code LIKE} wildcard (terms are letters, digits and marks). Every match gets the length of its terms as score,
     * so the shortest prompt (the closest match) ranks first.
     */
    @Override
    public PromptSearch promptSearch(List<String> terms, Map<String, Object> arguments) {
        StringBuilder condition = new StringBuilder();
        for (int i = 0; i < terms.size(); i++) {
            arguments.put("term" + i, "% " + terms.get(i) + "%");
            condition.append(i == 0 ? "" : " AND ").append("(' ' || p.search_terms) LIKE :term").append(i);
        }
        return new PromptSearch("prompts p", condition.toString(), "CAST(LENGTH(p.search_terms) AS DOUBLE PRECISION)");
    }

    /** H2 has no {@code ON CONFLICT}; its {@code MERGE … KEY} inserts or replaces by the given columns. */
    @Override
    public String upsert(String table, List<String> columns, List<String> values, List<String> key) {
        return "MERGE INTO " + table + " (" + String.join(", ", columns) + ") KEY (" + String.join(", ", key)
                + ") VALUES (" + String.join(", ", values) + ")";
    }

    @Override
    public Housekeeping housekeeping() {
        return new H2Housekeeping();
    }
}
