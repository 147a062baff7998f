package dev.genstore.sqlite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The sqlite backend builds on core (its API, SPI and the records of store operations) and storage-jdbc only (its default blob store is core's directory store): never on another backend, never on core's internals. */
class SqliteArchitectureTest {
    private static final JavaClasses BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.genstore.sqlite");

    @Test
    void dependsOnCoreStorageJdbcItsDriverAndTheirLibrariesOnly() {
        classes().should().onlyDependOnClassesThat().resideInAnyPackage(
                        "dev.genstore.sqlite..", "dev.genstore", "dev.genstore.errors..", "dev.genstore.spi..", "dev.genstore.ops..", "dev.genstore.blobs..", "dev.genstore.transfer..",
                        "dev.genstore.jdbc", "java..", "javax.sql..", "org.jdbi.v3.core.argument..", "com.zaxxer.hikari..",
                        "org.sqlite..", "org.slf4j")
                .check(BACKEND);
    }

    @Test
    void dependsOnNoOtherBackend() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.genstore.postgres..", "dev.genstore.memory..")
                .check(BACKEND);
    }
}
