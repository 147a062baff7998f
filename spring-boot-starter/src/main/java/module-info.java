/**
 * genstore's Spring Boot 3 auto-configuration: {@code GenstoreAutoConfiguration} and {@code GenstoreProperties}.
 * Spring Boot's jars are automatic modules ({@code spring.boot}, {@code spring.boot.autoconfigure}, ...). The package
 * is open as well as exported: Spring creates the configuration classes and binds the properties by reflection,
 * package-private nested configurations included. PostgreSQL, memory, Actuator and Micrometer are optional, as in the
 * pom: an application that uses them has them on its module path.
 */
module dev.genstore.spring.boot {
    requires transitive dev.genstore.core;
    requires dev.genstore.sqlite;
    requires static dev.genstore.postgres;
    requires static dev.genstore.memory;
    requires java.sql;
    requires org.slf4j;
    requires spring.beans;
    requires spring.boot;
    requires spring.boot.autoconfigure;
    requires spring.context;
    requires spring.core;
    requires static spring.boot.actuator;
    requires static micrometer.core;

    exports dev.genstore.spring.boot;
    opens dev.genstore.spring.boot;
}
