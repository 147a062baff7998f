package dev.genstore.memory;

import dev.genstore.contract.ImagesContract;
import dev.genstore.spi.Storage;

class MemoryImagesContractTest extends ImagesContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
