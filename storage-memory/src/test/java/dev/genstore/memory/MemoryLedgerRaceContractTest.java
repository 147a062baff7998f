package dev.genstore.memory;

import dev.genstore.contract.LedgerRaceContract;
import dev.genstore.spi.Storage;

class MemoryLedgerRaceContractTest extends LedgerRaceContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
