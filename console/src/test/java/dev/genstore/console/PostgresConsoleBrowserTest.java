package dev.genstore.console;

import dev.genstore.postgres.TestPostgres;
import dev.genstore.spi.Storage;

class PostgresConsoleBrowserTest extends ConsoleBrowserContract {
    @Override
    Storage newStorage() {
        return TestPostgres.freshStorage();
    }

    @Override
    String backend() {
        return "postgres";
    }
}
