package dev.genstore.memory;

import dev.genstore.contract.RefusedCallsContract;
import dev.genstore.spi.Storage;

class MemoryRefusedCallsContractTest extends RefusedCallsContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
