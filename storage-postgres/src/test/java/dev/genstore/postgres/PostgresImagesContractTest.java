package dev.genstore.postgres;

import dev.genstore.contract.ImagesContract;
import dev.genstore.spi.Storage;

class PostgresImagesContractTest extends ImagesContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
