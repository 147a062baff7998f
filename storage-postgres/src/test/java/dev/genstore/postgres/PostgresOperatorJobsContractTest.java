package dev.genstore.postgres;

import dev.genstore.contract.OperatorJobsContract;
import dev.genstore.spi.Storage;

class PostgresOperatorJobsContractTest extends OperatorJobsContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
