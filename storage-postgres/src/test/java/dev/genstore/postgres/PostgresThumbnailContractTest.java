package dev.genstore.postgres;

import dev.genstore.contract.ThumbnailContract;
import dev.genstore.spi.Storage;

class PostgresThumbnailContractTest extends ThumbnailContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
