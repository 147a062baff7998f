package dev.genstore.memory;

import dev.genstore.contract.BudgetAlertListenerContract;
import dev.genstore.spi.Storage;

class MemoryBudgetAlertListenerContractTest extends BudgetAlertListenerContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
