package dev.genstore.memory;

import dev.genstore.contract.BudgetsContract;
import dev.genstore.spi.Storage;

class MemoryBudgetsContractTest extends BudgetsContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
