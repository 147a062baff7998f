package dev.genstore.sqlite;

import dev.genstore.contract.WaitingClaimContract;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteWaitingClaimContractTest extends WaitingClaimContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
    }
}
