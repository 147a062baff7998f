package dev.genstore.spring.boot;

import dev.genstore.contract.ModuleBoundary;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The module's boundary as its module-info declares it: the auto-configuration package and nothing else. */
class SpringBootModuleTest {
    @Test
    void exportsItsApiAndNotItsInternals() {
        ModuleBoundary.assertExports(GenstoreAutoConfiguration.class, "dev.genstore.spring.boot",
                Set.of("dev.genstore.spring.boot"));
    }
}
