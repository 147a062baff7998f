package dev.genstore.memory;

import dev.genstore.contract.ImageCacheContract;
import dev.genstore.spi.Storage;

class MemoryImageCacheContractTest extends ImageCacheContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
