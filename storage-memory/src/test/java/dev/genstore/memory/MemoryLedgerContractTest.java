package dev.genstore.memory;

import dev.genstore.contract.LedgerContract;
import dev.genstore.spi.Storage;

class MemoryLedgerContractTest extends LedgerContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
