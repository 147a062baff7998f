package dev.genstore.postgres;

import dev.genstore.contract.JobsContract;
import dev.genstore.spi.Storage;

class PostgresJobsContractTest extends JobsContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
