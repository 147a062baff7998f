package dev.genstore.memory;

import dev.genstore.contract.ImageRegistrationContract;
import dev.genstore.spi.Storage;

class MemoryImageRegistrationContractTest extends ImageRegistrationContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
