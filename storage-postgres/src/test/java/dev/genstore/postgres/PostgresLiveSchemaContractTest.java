package dev.genstore.postgres;

import dev.genstore.contract.LiveSchemaContract;
import dev.genstore.jdbc.internal.Migrations;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;

class PostgresLiveSchemaContractTest extends LiveSchemaContract {
    private PostgresStorage storage;
    private String url;

    @Override
    protected Storage newStorage() {
        url = TestPostgres.freshSchemaUrl();
        storage = PostgresStorage.of(url);
        return storage;
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    protected void applySharedMigrations(String location, String historyTable) {
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(url);
        Migrations.configure(postgres, storage.dialect(), location).table(historyTable)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }

    @Override
    protected Map<String, String> notExported() {
        return Map.of("prompts.search_vector", "a generated tsvector column over prompts.search_terms (full-text search)");
    }
}
