package dev.genstore.memory;

import dev.genstore.contract.LiveSchemaContract;
import dev.genstore.jdbc.internal.Migrations;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.h2.jdbcx.JdbcDataSource;

class MemoryLiveSchemaContractTest extends LiveSchemaContract {
    private MemoryStorage storage;

    @Override
    protected Storage newStorage() {
        storage = MemoryStorage.create();
        return storage;
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(storage.jdbcUrl(), "sa", "");
    }

    @Override
    protected void applySharedMigrations(String location, String historyTable) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(storage.jdbcUrl());
        h2.setUser("sa");
        h2.setPassword("");
        Migrations.configure(h2, storage.dialect(), location).table(historyTable)
                .baselineOnMigrate(true).baselineVersion("0").load().migrate();
    }
}
