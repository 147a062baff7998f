package dev.genstore.postgres;

import dev.genstore.contract.BlobStoreContract;
import dev.genstore.spi.Storage;

class PostgresBlobStoreContractTest extends BlobStoreContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
