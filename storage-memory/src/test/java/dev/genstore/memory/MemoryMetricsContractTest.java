package dev.genstore.memory;

import dev.genstore.contract.MetricsContract;
import dev.genstore.spi.Storage;

class MemoryMetricsContractTest extends MetricsContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }
}
