package dev.genstore.postgres;

import dev.genstore.contract.LedgerContract;
import dev.genstore.spi.Storage;

class PostgresLedgerContractTest extends LedgerContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
