package dev.genstore.memory;

import dev.genstore.contract.JobsContract;
import dev.genstore.spi.Storage;

class MemoryJobsContractTest extends JobsContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
