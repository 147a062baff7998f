package dev.genstore.memory;

import dev.genstore.contract.OwnershipContract;
import dev.genstore.spi.Storage;

class MemoryOwnershipContractTest extends OwnershipContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
