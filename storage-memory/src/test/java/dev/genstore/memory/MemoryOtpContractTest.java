package dev.genstore.memory;

import dev.genstore.contract.OtpContract;
import dev.genstore.spi.Storage;

class MemoryOtpContractTest extends OtpContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
