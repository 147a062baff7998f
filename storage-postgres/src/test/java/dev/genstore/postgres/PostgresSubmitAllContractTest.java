package dev.genstore.postgres;

import dev.genstore.contract.SubmitAllContract;
import dev.genstore.spi.Storage;

class PostgresSubmitAllContractTest extends SubmitAllContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
