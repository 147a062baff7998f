package dev.genstore.postgres;

import dev.genstore.contract.OtpContract;
import dev.genstore.spi.Storage;

class PostgresOtpContractTest extends OtpContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
