package dev.genstore.postgres;

import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the API and SPI packages exported, `internal` not. */
class PostgresModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(PostgresStorage.class, "dev.genstore.postgres", Set.of("dev.genstore.postgres"));
    }
}
