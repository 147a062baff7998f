package dev.genstore.memory;

import dev.genstore.contract.OtpContract;
import dev.genstore.spi.Storage;
import java.util.List;
import java.util.UUID;

class MemoryOtpContractTest extends OtpContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }

    @Override
    protected List<Storage> twoStoragesOfOneDatabase() {
        String database = "otp-shared-" + UUID.randomUUID();
        return List.of(MemoryStorage.named(database), MemoryStorage.named(database));
    }
}
