package dev.genstore.memory;

import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the API and SPI packages exported, `internal` not. */
class MemoryModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(MemoryStorage.class, "dev.genstore.memory", Set.of("dev.genstore.memory"));
    }
}
