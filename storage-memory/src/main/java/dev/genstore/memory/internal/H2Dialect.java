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
     * H2's native full-text index (V7) over the terms: {@code FT_SEARCH_DATA} finds the prompts holding every word of
     * its query and gives each one the same score, so the shortest prompt (the closest match) ranks first. The terms,
     * joined by spaces, are bound as the one query argument: H2's full-text query has no operators (it only splits on
     * whitespace and ASCII punctuation, which no term holds), so nothing in it is syntax.
     */
    @Override
    public PromptSearch promptSearch(List<String> terms, Map<String, Object> arguments) {
        arguments.put("fulltext", String.join(" ", terms));
        // The full-text hits as a subquery joined to the prompts on the id: the form measured in docs/benchmarks.md.
        return new PromptSearch("(SELECT pr.id AS prompt_id, CAST(LENGTH(pr.search_terms) AS DOUBLE PRECISION) AS score"
                + " FROM FT_SEARCH_DATA(:fulltext, 0, 0) ft JOIN prompts pr ON pr.id = CAST(ft.\"KEYS\"[1] AS UUID)"
                + " WHERE ft.\"TABLE\" = 'PROMPTS') s JOIN prompts p ON p.id = s.prompt_id", "1 = 1", "s.score");
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
