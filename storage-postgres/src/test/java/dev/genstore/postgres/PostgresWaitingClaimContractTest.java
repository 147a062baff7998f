package dev.genstore.postgres;

import dev.genstore.contract.WaitingClaimContract;
import dev.genstore.spi.Storage;

class PostgresWaitingClaimContractTest extends WaitingClaimContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
