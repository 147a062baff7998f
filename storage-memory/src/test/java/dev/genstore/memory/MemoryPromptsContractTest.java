package dev.genstore.memory;

import dev.genstore.contract.PromptsContract;
import dev.genstore.spi.Storage;

class MemoryPromptsContractTest extends PromptsContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
