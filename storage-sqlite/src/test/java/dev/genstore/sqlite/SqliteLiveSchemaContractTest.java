package dev.genstore.sqlite;

import dev.genstore.contract.LiveSchemaContract;
import dev.genstore.jdbc.internal.Migrations;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

class SqliteLiveSchemaContractTest extends LiveSchemaContract {
    private static final String FTS = "the FTS5 index of prompts.search_terms (V7/V14), rebuilt from the prompts' rows";

    @TempDir
    Path dir;
    private SqliteStorage storage;
    private Path file;

    @Override
    protected Storage newStorage() {
        file = dir.resolve("genstore-" + System.nanoTime() + ".db");
        storage = SqliteStorage.file(file);
        return storage;
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    @Override
    protected void applySharedMigrations(String location, String historyTable) {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file);
        Migrations.configure(sqlite, storage.dialect(), location).table(historyTable)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    @Override
    protected Map<String, String> notExported() {
        return Map.of(
                "prompts.fts_rowid", "the integer key the FTS5 index refers to, assigned on insert",
                "prompts_fts", FTS,
                "prompts_fts_data", FTS,
                "prompts_fts_idx", FTS,
                "prompts_fts_content", FTS,
                "prompts_fts_docsize", FTS,
                "prompts_fts_config", FTS);
    }
}
