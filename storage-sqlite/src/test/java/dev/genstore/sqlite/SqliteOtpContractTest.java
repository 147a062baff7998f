package dev.genstore.sqlite;

import dev.genstore.contract.OtpContract;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

class SqliteOtpContractTest extends OtpContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
    }

    @Override
    protected List<Storage> twoStoragesOfOneDatabase() {
        Path shared = dir.resolve("shared-" + (++stores) + ".db");
        return List.of(SqliteStorage.file(shared), SqliteStorage.file(shared));
    }
}
