package dev.genstore.postgres;

import dev.genstore.contract.TransactionContract;
import dev.genstore.spi.Storage;

class PostgresTransactionContractTest extends TransactionContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
