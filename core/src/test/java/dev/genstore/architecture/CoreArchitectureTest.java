package dev.genstore.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The shape of core: no database code, no package cycles, layers that only point one way. */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.genstore");

    @Test
    void coreUsesNoDatabaseClass() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "java.sql..", "javax.sql..", "org.jdbi..", "org.flywaydb..", "com.zaxxer..", "org.sqlite..",
                        "org.postgresql..", "org.h2..")
                .check(CORE);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.genstore.(**)").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void domainPackagesDependOnNeitherTheSpiNorTheImplementation() {
        noClasses().that().resideInAnyPackage("dev.genstore.accounts..", "dev.genstore.auth..", "dev.genstore.ledger..",
                        "dev.genstore.paging..", "dev.genstore.errors..", "dev.genstore.images..", "dev.genstore.blobs..",
                        "dev.genstore.budget..", "dev.genstore.prompts..", "dev.genstore.transfer..", "dev.genstore.metrics..",
                        "dev.genstore.ops..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.genstore.spi..", "dev.genstore.internal..")
                .check(CORE);
    }

    @Test
    void onlyTheEntryPointCreatesTheImplementation() {
        noClasses().that().resideOutsideOfPackages("dev.genstore", "dev.genstore.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.genstore.internal..")
                .check(CORE);
    }

    @Test
    void imageCodecsStayInTheImagingPackage() {
        noClasses().that().resideOutsideOfPackage("dev.genstore.internal.imaging..")
                .should().dependOnClassesThat().resideInAnyPackage("net.coobird..", "com.luciad..", "javax.imageio..")
                .check(CORE);
    }

    @Test
    void onlyMicrometerMetricsTouchesMicrometer() {
        // Micrometer is optional: any other class referring to it would fail without it on the class path.
        noClasses().that().doNotHaveFullyQualifiedName("dev.genstore.metrics.MicrometerMetrics")
                .and().doNotHaveFullyQualifiedName("dev.genstore.metrics.MicrometerMetrics$TimerKey")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..")
                .check(CORE);
    }

    @Test
    void nothingDependsOnTheEntryPointPackage() {
        noClasses().that().resideOutsideOfPackage("dev.genstore")
                .should().dependOnClassesThat().resideInAPackage("dev.genstore")
                .check(CORE);
    }
}
