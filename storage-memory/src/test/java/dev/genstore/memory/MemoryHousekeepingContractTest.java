package dev.genstore.memory;

import dev.genstore.contract.HousekeepingContract;
import dev.genstore.spi.Storage;

class MemoryHousekeepingContractTest extends HousekeepingContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
