package dev.genstore.postgres;

import dev.genstore.contract.QueueRaceContract;
import dev.genstore.spi.Storage;

class PostgresQueueRaceContractTest extends QueueRaceContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
