package dev.genstore.postgres;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The postgres backend builds on core and storage-jdbc only: never on another backend, never on core's internals. */
class PostgresArchitectureTest {
    private static final JavaClasses BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.genstore.postgres");

    @Test
    void dependsOnCoreStorageJdbcItsDriverAndTheirLibrariesOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.genstore.postgres..", "dev.genstore", "dev.genstore.errors..", "dev.genstore.spi..", "dev.genstore.ops..",
                        "dev.genstore.jdbc", "java..", "javax.sql..", "org.jdbi.v3.core.argument..", "com.zaxxer.hikari..",
                        "org.postgresql..", "org.slf4j..")
                .check(BACKEND);
    }

    @Test
    void dependsOnNoOtherBackend() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.genstore.sqlite..", "dev.genstore.memory..")
                .check(BACKEND);
    }
}
