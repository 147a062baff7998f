package dev.genstore.sqlite;

import dev.genstore.contract.OperatorJobsContract;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteOperatorJobsContractTest extends OperatorJobsContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
    }
}
