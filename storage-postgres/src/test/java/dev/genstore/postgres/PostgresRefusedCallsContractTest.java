package dev.genstore.postgres;

import dev.genstore.contract.RefusedCallsContract;
import dev.genstore.spi.Storage;

class PostgresRefusedCallsContractTest extends RefusedCallsContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
