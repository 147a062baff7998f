package dev.genstore.spring.boot;

import dev.genstore.contract.ApiSignatures;
import org.junit.jupiter.api.Test;

/** The public API of genstore-spring-boot-starter equals its baseline `api/genstore-spring-boot-starter.api` (update it with `-Dgenstore.api.update=true`). */
class StarterApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(GenstoreAutoConfiguration.class, "genstore-spring-boot-starter");
    }
}
