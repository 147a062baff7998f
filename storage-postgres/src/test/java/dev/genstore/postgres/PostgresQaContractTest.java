package dev.genstore.postgres;

import dev.genstore.contract.QaContract;
import dev.genstore.spi.Storage;

class PostgresQaContractTest extends QaContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
