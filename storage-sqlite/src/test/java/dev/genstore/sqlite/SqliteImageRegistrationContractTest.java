package dev.genstore.sqlite;

import dev.genstore.contract.ImageRegistrationContract;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteImageRegistrationContractTest extends ImageRegistrationContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
    }
}
