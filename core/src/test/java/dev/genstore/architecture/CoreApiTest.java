package dev.genstore.architecture;

import dev.genstore.contract.ApiSignatures;
import dev.genstore.Genstore;
import org.junit.jupiter.api.Test;

/** The public API of genstore-core equals its baseline `api/genstore-core.api` (update it with `-Dgenstore.api.update=true`). */
class CoreApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(Genstore.class, "genstore-core");
    }
}
