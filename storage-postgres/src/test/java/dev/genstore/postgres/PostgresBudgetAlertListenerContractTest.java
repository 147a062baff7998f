package dev.genstore.postgres;

import dev.genstore.contract.BudgetAlertListenerContract;
import dev.genstore.spi.Storage;

class PostgresBudgetAlertListenerContractTest extends BudgetAlertListenerContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
