package dev.genstore.memory;

import dev.genstore.contract.JobControlContract;
import dev.genstore.spi.Storage;

class MemoryJobControlContractTest extends JobControlContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
