package dev.genstore.testkit;

import dev.genstore.contract.ApiSignatures;
import org.junit.jupiter.api.Test;

/** The public API of genstore-testkit equals its baseline `api/genstore-testkit.api` (update it with `-Dgenstore.api.update=true`). */
class TestkitApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(TestStores.class, "genstore-testkit");
    }
}
