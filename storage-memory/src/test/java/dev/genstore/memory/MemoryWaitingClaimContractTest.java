package dev.genstore.memory;

import dev.genstore.contract.WaitingClaimContract;
import dev.genstore.spi.Storage;

class MemoryWaitingClaimContractTest extends WaitingClaimContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
