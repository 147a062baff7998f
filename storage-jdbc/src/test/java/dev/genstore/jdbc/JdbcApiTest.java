package dev.genstore.jdbc;

import dev.genstore.contract.ApiSignatures;
import org.junit.jupiter.api.Test;

/** The public API of genstore-storage-jdbc equals its baseline `api/genstore-storage-jdbc.api` (update it with `-Dgenstore.api.update=true`). */
class JdbcApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(JdbcStorage.class, "genstore-storage-jdbc");
    }
}
