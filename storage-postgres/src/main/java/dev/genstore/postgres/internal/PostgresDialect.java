package dev.genstore.postgres.internal;

import dev.genstore.jdbc.Housekeeping;
import dev.genstore.jdbc.StandardDialect;
import java.util.List;
import java.util.Map;

/** PostgreSQL: native {@code uuid} and {@code timestamptz}, {@code FOR UPDATE} row locks where balances change. */
public final class PostgresDialect extends StandardDialect {
    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String migrationLocation() {
        return "classpath:dev/genstore/postgres/migration";
    }

    @Override
    public String jsonParameter(String placeholder) {
        return "CAST(" + placeholder + " AS json)";
    }

    @Override
    public String microsBetween(String from, String to) {
        return "CAST(EXTRACT(EPOCH FROM (" + to + " - " + from + ")) * 1000000 AS bigint)";
    }

    /**
     * The GIN-indexed tsvector of the terms, matched by a tsquery of quoted lexemes joined by {@code &} (terms never
     * hold a quote or backslash), ranked by {@code ts_rank} normalized by document length.
     */
    @Override
    public String promptMatch(List<String> terms, Map<String, Object> arguments) {
        StringBuilder query = new StringBuilder();
        for (String term : terms) {
            if (query.length() > 0) {
                query.append(" & ");
            }
            query.append('\'').append(term.replace("\\", "\\\\").replace("'", "''")).append('\'');
        }
        arguments.put("tsquery", query.toString());
        return "(SELECT pr.id AS prompt_id, CAST(-ts_rank(pr.search_vector, CAST(:tsquery AS tsquery), 1) AS double precision)"
                + " AS score FROM prompts pr WHERE pr.search_vector @@ CAST(:tsquery AS tsquery))";
    }

    @Override
    public Housekeeping housekeeping() {
        return new PostgresHousekeeping();
    }
}
