package dev.genstore.console;

import dev.genstore.contract.ApiSignatures;
import org.junit.jupiter.api.Test;

/** The public API of genstore-console equals its baseline `api/genstore-console.api` (update it with `-Dgenstore.api.update=true`). */
class ConsoleApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(GenstoreConsole.class, "genstore-console");
    }
}
