package dev.genstore.postgres;

import dev.genstore.contract.ApiNullsContract;
import dev.genstore.spi.Storage;

class PostgresApiNullsContractTest extends ApiNullsContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
