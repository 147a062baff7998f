package dev.genstore.jdbc;

import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the API and SPI packages exported, `internal` not. */
class JdbcModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(JdbcStorage.class, "dev.genstore.jdbc", Set.of("dev.genstore.jdbc"));
    }
}
