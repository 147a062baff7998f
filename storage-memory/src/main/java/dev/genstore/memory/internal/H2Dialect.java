package dev.genstore.memory.internal;

import dev.genstore.jdbc.Housekeeping;
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

    @Override
    public String microsBetween(String from, String to) {
        return "DATEDIFF(MICROSECOND, " + from + ", " + to + ")";
    }

    @Override
    public boolean isTransient(SQLException e) {
        return super.isTransient(e) || e.getErrorCode() == CONCURRENT_UPDATE || e.getErrorCode() == LOCK_TIMEOUT;
    }

    /**
     * One LIKE per term over the space-separated terms (terms hold no wildcard), the shortest prompts first: no index,
     * which suits a backend for tests and prototypes.
     */
    @Override
    public String promptMatch(List<String> terms, Map<String, Object> arguments) {
        StringBuilder sql = new StringBuilder("(SELECT pr.id AS prompt_id, CAST(LENGTH(pr.search_terms) AS DOUBLE PRECISION)"
                + " AS score FROM prompts pr WHERE 1 = 1");
        for (int i = 0; i < terms.size(); i++) {
            sql.append(" AND (' ' || pr.search_terms || ' ') LIKE :term").append(i);
            arguments.put("term" + i, "% " + terms.get(i) + " %");
        }
        return sql.append(')').toString();
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
