package dev.genstore.memory;

import dev.genstore.contract.BlobStoreContract;
import dev.genstore.spi.Storage;

class MemoryBlobStoreContractTest extends BlobStoreContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
