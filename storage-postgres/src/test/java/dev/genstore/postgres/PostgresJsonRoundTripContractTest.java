package dev.genstore.postgres;

import dev.genstore.contract.JsonRoundTripContract;
import dev.genstore.spi.Storage;

class PostgresJsonRoundTripContractTest extends JsonRoundTripContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
