package dev.genstore.memory;

import dev.genstore.contract.AccountsContract;
import dev.genstore.spi.Storage;

class MemoryAccountsContractTest extends AccountsContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
