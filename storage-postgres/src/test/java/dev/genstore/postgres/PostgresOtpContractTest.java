package dev.genstore.postgres;

import dev.genstore.contract.OtpContract;
import dev.genstore.spi.Storage;
import java.util.List;

class PostgresOtpContractTest extends OtpContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
    }

    @Override
    protected List<Storage> twoStoragesOfOneDatabase() {
        String url = TestPostgres.freshSchemaUrl();
        return List.of(PostgresStorage.of(url), PostgresStorage.of(url));
    }
}
