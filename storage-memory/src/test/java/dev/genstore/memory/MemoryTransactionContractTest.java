package dev.genstore.memory;

import dev.genstore.contract.TransactionContract;
import dev.genstore.spi.Storage;

class MemoryTransactionContractTest extends TransactionContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
