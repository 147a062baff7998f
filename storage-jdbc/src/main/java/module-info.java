/**
 * The SQL implementation of genstore's storage SPI: {@code JdbcStorage}, the {@code Dialect} seam a backend implements,
 * and the Flyway wiring. The repositories ({@code dev.genstore.jdbc.internal}) are not exported.
 */
module dev.genstore.jdbc {
    requires transitive dev.genstore.core;
    requires transitive java.sql;
    // Dialect binds values as Jdbi Arguments: part of the API a backend implements.
    requires transitive org.jdbi.v3.core;
    requires com.zaxxer.hikari;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    // flyway-core has neither module-info nor Automatic-Module-Name: its name comes from the jar's file name
    // (flyway-core-<version>.jar -> flyway.core). Needed by class; documented in docs/architecture.md.
    requires flyway.core;

    exports dev.genstore.jdbc;
}
