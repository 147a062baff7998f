package dev.genstore.memory;

import dev.genstore.contract.ThumbnailContract;
import dev.genstore.spi.Storage;

class MemoryThumbnailContractTest extends ThumbnailContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
