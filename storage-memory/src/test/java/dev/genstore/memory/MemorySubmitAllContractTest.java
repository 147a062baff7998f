package dev.genstore.memory;

import dev.genstore.contract.SubmitAllContract;
import dev.genstore.spi.Storage;

class MemorySubmitAllContractTest extends SubmitAllContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
