package dev.genstore.memory;

import dev.genstore.contract.QueueRaceContract;
import dev.genstore.spi.Storage;

class MemoryQueueRaceContractTest extends QueueRaceContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
