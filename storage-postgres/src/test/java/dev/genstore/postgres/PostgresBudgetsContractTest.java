package dev.genstore.postgres;

import dev.genstore.contract.BudgetsContract;
import dev.genstore.spi.Storage;

class PostgresBudgetsContractTest extends BudgetsContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
