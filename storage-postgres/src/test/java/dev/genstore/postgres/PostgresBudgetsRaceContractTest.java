package dev.genstore.postgres;

import dev.genstore.contract.BudgetsRaceContract;
import dev.genstore.spi.Storage;

class PostgresBudgetsRaceContractTest extends BudgetsRaceContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
