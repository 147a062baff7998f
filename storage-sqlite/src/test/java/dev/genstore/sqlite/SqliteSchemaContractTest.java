package dev.genstore.sqlite;

import dev.genstore.contract.SchemaContract;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

class SqliteSchemaContractTest extends SchemaContract {
    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("genstore.db");
    }

    @Override
    protected Storage storageOnTheSameDatabase() {
        return SqliteStorage.file(file());
    }

    @Override
    protected void recordNewerMigration() {
        execute("INSERT INTO genstore_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, installed_on, execution_time, success) VALUES (999, '999', 'from the future', 'SQL',"
                + " 'V999__from_the_future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, 1)");
    }

    @Override
    protected long historyRows() {
        return count("SELECT COUNT(*) FROM genstore_schema_history");
    }

    @Override
    protected long userRows() {
        return count("SELECT COUNT(*) FROM users");
    }

    private void execute(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
