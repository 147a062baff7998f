/** genstore on PostgreSQL: {@code PostgresStorage}; the dialect stays internal. */
module dev.genstore.postgres {
    requires transitive dev.genstore.jdbc;
    requires com.zaxxer.hikari;

    exports dev.genstore.postgres;
}
