package dev.genstore.sqlite;

import dev.genstore.contract.ImagesContract;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** On SQLite with its default blob store: a directory beside the database file. */
class SqliteImagesContractTest extends ImagesContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
    }
}
