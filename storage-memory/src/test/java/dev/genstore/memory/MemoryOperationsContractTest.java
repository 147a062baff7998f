package dev.genstore.memory;

import dev.genstore.contract.OperationsContract;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

class MemoryOperationsContractTest extends OperationsContract {
    private MemoryStorage storage;

    @Override
    protected Storage newStorage() {
        MemoryStorage fresh = MemoryStorage.create();
        if (storage == null) {
            storage = fresh; // the first storage of a test is the one behind `store`
        }
        return fresh;
    }

    /** H2 answers 0 for the size of an in-memory table, so the backend reports -1. */
    @Override
    protected boolean knowsDatabaseBytes() {
        return false;
    }

    private void execute(String... statements) {
        try (Connection c = DriverManager.getConnection(storage.jdbcUrl(), "sa", ""); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void sql(String statement) {
        execute(statement);
    }

    @Override
    protected void sqlWithoutForeignKeys(String statement) {
        execute("SET REFERENTIAL_INTEGRITY FALSE", statement, "SET REFERENTIAL_INTEGRITY TRUE");
    }
}
