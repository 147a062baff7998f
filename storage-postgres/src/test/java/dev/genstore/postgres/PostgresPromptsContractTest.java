package dev.genstore.postgres;

import dev.genstore.contract.PromptsContract;
import dev.genstore.spi.Storage;

class PostgresPromptsContractTest extends PromptsContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
