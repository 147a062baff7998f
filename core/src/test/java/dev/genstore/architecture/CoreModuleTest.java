package dev.genstore.architecture;

import dev.genstore.Genstore;
import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the API and SPI packages exported, `internal` not. */
class CoreModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(Genstore.class, "dev.genstore.core", Set.of("dev.genstore", "dev.genstore.accounts",
                "dev.genstore.auth", "dev.genstore.blobs", "dev.genstore.budget", "dev.genstore.cache", "dev.genstore.errors",
                "dev.genstore.images", "dev.genstore.jobs", "dev.genstore.ledger", "dev.genstore.metrics", "dev.genstore.ops",
                "dev.genstore.paging", "dev.genstore.prompts", "dev.genstore.qa", "dev.genstore.spi", "dev.genstore.transfer"));
    }
}
