package dev.genstore.sqlite;

import dev.genstore.contract.ApiSignatures;
import org.junit.jupiter.api.Test;

/** The public API of genstore-storage-sqlite equals its baseline `api/genstore-storage-sqlite.api` (update it with `-Dgenstore.api.update=true`). */
class SqliteApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(SqliteStorage.class, "genstore-storage-sqlite");
    }
}
