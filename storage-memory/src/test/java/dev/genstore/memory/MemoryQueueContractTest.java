package dev.genstore.memory;

import dev.genstore.contract.QueueContract;
import dev.genstore.spi.Storage;

class MemoryQueueContractTest extends QueueContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
