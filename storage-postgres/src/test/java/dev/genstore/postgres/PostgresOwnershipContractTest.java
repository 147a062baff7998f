package dev.genstore.postgres;

import dev.genstore.contract.OwnershipContract;
import dev.genstore.spi.Storage;

class PostgresOwnershipContractTest extends OwnershipContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
