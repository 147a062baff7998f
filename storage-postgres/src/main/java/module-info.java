/** genstore on PostgreSQL: {@code PostgresStorage}; the dialect stays internal. */
module dev.genstore.postgres {
    requires transitive dev.genstore.jdbc;
    requires com.zaxxer.hikari;
    requires org.postgresql.jdbc; // LISTEN/NOTIFY through PGConnection
    requires org.slf4j;

    exports dev.genstore.postgres;
}
