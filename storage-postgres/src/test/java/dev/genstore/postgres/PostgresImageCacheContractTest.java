package dev.genstore.postgres;

import dev.genstore.contract.ImageCacheContract;
import dev.genstore.spi.Storage;

class PostgresImageCacheContractTest extends ImageCacheContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
