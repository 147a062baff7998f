package dev.genstore.postgres;

import dev.genstore.contract.LedgerRaceContract;
import dev.genstore.spi.Storage;

class PostgresLedgerRaceContractTest extends LedgerRaceContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
