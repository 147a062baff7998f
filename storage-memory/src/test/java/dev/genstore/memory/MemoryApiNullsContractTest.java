package dev.genstore.memory;

import dev.genstore.contract.ApiNullsContract;
import dev.genstore.spi.Storage;

class MemoryApiNullsContractTest extends ApiNullsContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
