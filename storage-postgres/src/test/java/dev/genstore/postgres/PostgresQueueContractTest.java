package dev.genstore.postgres;

import dev.genstore.contract.QueueContract;
import dev.genstore.spi.Storage;

class PostgresQueueContractTest extends QueueContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
