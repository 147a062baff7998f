package dev.genstore.memory;

import dev.genstore.contract.OperatorJobsContract;
import dev.genstore.spi.Storage;

class MemoryOperatorJobsContractTest extends OperatorJobsContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
