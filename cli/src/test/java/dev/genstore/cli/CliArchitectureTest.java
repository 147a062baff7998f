package dev.genstore.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The cli is an application of genstore's public API: it never reaches into internals, as no application may. */
class CliArchitectureTest {
    private static final JavaClasses CLI = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.genstore.cli");

    @Test
    void usesNoInternalPackage() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("..internal..").check(CLI);
    }

    @Test
    void writesNoSqlOfItsOwn() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.sql.Statement")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.sql.Connection")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "org.flywaydb..")
                .check(CLI);
    }
}
