package dev.genstore.memory;

import dev.genstore.contract.TransferContract;
import dev.genstore.spi.Storage;

class MemoryTransferContractTest extends TransferContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
