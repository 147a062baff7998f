package dev.genstore.postgres;

import dev.genstore.contract.MetricsContract;
import dev.genstore.spi.Storage;

class PostgresMetricsContractTest extends MetricsContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
