package dev.genstore.postgres;

import dev.genstore.contract.ApiSignatures;
import org.junit.jupiter.api.Test;

/** The public API of genstore-storage-postgres equals its baseline `api/genstore-storage-postgres.api` (update it with `-Dgenstore.api.update=true`). */
class PostgresApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(PostgresStorage.class, "genstore-storage-postgres");
    }
}
