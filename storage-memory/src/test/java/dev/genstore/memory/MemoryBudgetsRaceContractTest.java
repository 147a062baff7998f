package dev.genstore.memory;

import dev.genstore.contract.BudgetsRaceContract;
import dev.genstore.spi.Storage;

class MemoryBudgetsRaceContractTest extends BudgetsRaceContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
