package dev.genstore.console;

import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the console's entry point exported, `internal` not. */
class ConsoleModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(GenstoreConsole.class, "dev.genstore.console", Set.of("dev.genstore.console"));
    }
}
