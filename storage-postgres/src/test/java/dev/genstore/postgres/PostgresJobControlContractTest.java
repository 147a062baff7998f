package dev.genstore.postgres;

import dev.genstore.contract.JobControlContract;
import dev.genstore.spi.Storage;

class PostgresJobControlContractTest extends JobControlContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
