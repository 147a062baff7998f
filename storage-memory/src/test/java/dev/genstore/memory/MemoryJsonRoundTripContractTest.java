package dev.genstore.memory;

import dev.genstore.contract.JsonRoundTripContract;
import dev.genstore.spi.Storage;

class MemoryJsonRoundTripContractTest extends JsonRoundTripContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
