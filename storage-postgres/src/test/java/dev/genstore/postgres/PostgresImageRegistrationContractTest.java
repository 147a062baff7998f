package dev.genstore.postgres;

import dev.genstore.contract.ImageRegistrationContract;
import dev.genstore.spi.Storage;

class PostgresImageRegistrationContractTest extends ImageRegistrationContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }
}
