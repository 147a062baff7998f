package dev.genstore.memory;

import dev.genstore.contract.QaContract;
import dev.genstore.spi.Storage;

class MemoryQaContractTest extends QaContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
