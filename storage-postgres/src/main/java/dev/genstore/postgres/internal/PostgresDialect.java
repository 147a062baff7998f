package dev.genstore.postgres.internal;

import dev.genstore.jdbc.StandardDialect;

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
}
