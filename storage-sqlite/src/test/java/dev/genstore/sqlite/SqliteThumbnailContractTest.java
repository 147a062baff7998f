package dev.genstore.sqlite;

import dev.genstore.contract.ThumbnailContract;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** On SQLite with its default blob store: a directory beside the database file. */
class SqliteThumbnailContractTest extends ThumbnailContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
    }
}
