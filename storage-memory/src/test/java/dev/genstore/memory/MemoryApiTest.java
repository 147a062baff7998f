package dev.genstore.memory;

import dev.genstore.contract.ApiSignatures;
import org.junit.jupiter.api.Test;

/** The public API of genstore-storage-memory equals its baseline `api/genstore-storage-memory.api` (update it with `-Dgenstore.api.update=true`). */
class MemoryApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(MemoryStorage.class, "genstore-storage-memory");
    }
}
