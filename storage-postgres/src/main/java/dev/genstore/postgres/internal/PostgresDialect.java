package dev.genstore.postgres.internal;

import dev.genstore.jdbc.Housekeeping;
import dev.genstore.jdbc.SchemaPlaceholders;
import dev.genstore.jdbc.StandardDialect;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** PostgreSQL: native {@code uuid} and {@code timestamptz}, {@code FOR UPDATE} row locks where balances change. */
public final class PostgresDialect extends StandardDialect {
    /**
     * The transaction's id as text, or null when it wrote nothing: asking must not assign one, which would make the
     * commit of a transaction that found nothing to do (an empty claim) write and flush the WAL.
     */
    @Override
    public String transactionIdSql() {
        return "SELECT pg_current_xact_id_if_assigned()::text";
    }

    @Override
    public String transactionIdExpression() {
        return "pg_current_xact_id()::text";
    }

    /** The channel {@link PostgresQueueNotifier} notifies on; the payload is the schema of the jobs table. */
    public static final String JOBS_CHANNEL = "genstore_jobs";

    /**
     * PostgreSQL keeps the fate of recent transactions ({@code pg_xact_status}, made for a client whose connection was
     * lost during {@code COMMIT}), across restarts too.
     */
    @Override
    public String transactionStatusSql() {
        return "SELECT pg_xact_status(CAST(? AS xid8))";
    }

    @Override
    public boolean claimsInOneStatement() {
        return true;
    }

    @Override
    public boolean updatesFromValues() {
        return true;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public String migrationLocation() {
        return "classpath:dev/genstore/postgres/migration";
    }

    /** Keys in the "C" collation (byte order, whatever the locale); JSON as {@code json}, which keeps numbers as written. */
    @Override
    public SchemaPlaceholders schemaPlaceholders() {
        return new SchemaPlaceholders("uuid", "text", "text COLLATE \"C\"", "timestamptz", "json", "bytea", "integer",
                "bigint", "double precision", "");
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
     * hold a quote or backslash), ranked by {@code ts_rank} normalized by document length, computed on each matching
     * prompt row.
     */
    @Override
    public PromptSearch promptSearch(List<String> terms, Map<String, Object> arguments) {
        arguments.put("tsquery", tsquery(terms));
        return new PromptSearch("prompts p", "p.search_vector @@ CAST(:tsquery AS tsquery)",
                "CAST(-ts_rank(p.search_vector, CAST(:tsquery AS tsquery), 1) AS double precision)");
    }

    private static String tsquery(List<String> terms) {
        StringBuilder query = new StringBuilder();
        for (String term : terms) {
            if (query.length() > 0) {
                query.append(" & ");
            }
            query.append('\'').append(term.replace("\\", "\\\\").replace("'", "''")).append("':*"); // a prefix
        }
        return query.toString();
    }

    /** The prompts' tsvector is a generated column. */
    @Override
    public Set<String> derived() {
        return Set.of("prompts.search_vector");
    }

    @Override
    public Housekeeping housekeeping() {
        return new PostgresHousekeeping();
    }
}
