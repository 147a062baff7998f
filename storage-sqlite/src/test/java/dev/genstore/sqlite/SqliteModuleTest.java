package dev.genstore.sqlite;

import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the API and SPI packages exported, `internal` not. */
class SqliteModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(SqliteStorage.class, "dev.genstore.sqlite", Set.of("dev.genstore.sqlite"));
    }
}
