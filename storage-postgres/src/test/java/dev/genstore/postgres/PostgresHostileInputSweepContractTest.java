package dev.genstore.postgres;

import dev.genstore.contract.HostileInputSweepContract;
import dev.genstore.spi.Storage;

class PostgresHostileInputSweepContractTest extends HostileInputSweepContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
