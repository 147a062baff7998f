package dev.genstore.console;

import dev.genstore.spi.Storage;
import dev.genstore.sqlite.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteConsoleBrowserTest extends ConsoleBrowserContract {
    @TempDir
    static Path dir;

    @Override
    Storage newStorage() {
        return SqliteStorage.file(dir.resolve("console.db"));
    }

    @Override
    String backend() {
        return "sqlite";
    }
}
