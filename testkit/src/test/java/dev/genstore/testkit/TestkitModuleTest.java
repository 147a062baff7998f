package dev.genstore.testkit;

import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the API and SPI packages exported, `internal` not. */
class TestkitModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(TestStores.class, "dev.genstore.testkit", Set.of("dev.genstore.testkit"));
    }
}
