package dev.genstore.memory;

import dev.genstore.contract.HostileInputSweepContract;
import dev.genstore.spi.Storage;

class MemoryHostileInputSweepContractTest extends HostileInputSweepContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
