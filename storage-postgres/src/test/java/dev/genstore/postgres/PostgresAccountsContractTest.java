package dev.genstore.postgres;

import dev.genstore.contract.AccountsContract;
import dev.genstore.spi.Storage;

class PostgresAccountsContractTest extends AccountsContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
