package dev.genstore.postgres;

import dev.genstore.contract.TransferContract;
import dev.genstore.spi.Storage;

class PostgresTransferContractTest extends TransferContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
