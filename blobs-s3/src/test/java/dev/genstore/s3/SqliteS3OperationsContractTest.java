package dev.genstore.s3;

import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.OperationsContract;
import dev.genstore.spi.Storage;
import dev.genstore.sqlite.SqliteStorage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.io.TempDir;

/** {@link OperationsContract} (verify's blob checks, sweep, purge) on SQLite with its blobs in S3. */
class SqliteS3OperationsContractTest extends OperationsContract {
    @TempDir
    Path dir;
    private int stores;
    private Path file;

    @Override
    protected Storage newStorage() {
        Path next = dir.resolve("genstore-" + (++stores) + ".db");
        if (file == null) {
            file = next; // the first storage of a test is the one behind `store`
        }
        return SqliteStorage.file(next);
    }

    @Override
    protected BlobStore blobStore() {
        return TestS3.freshStore();
    }

    @Override
    protected void sql(String statement) {
        execute("PRAGMA foreign_keys = ON", statement);
    }

    @Override
    protected void sqlWithoutForeignKeys(String statement) {
        execute("PRAGMA foreign_keys = OFF", statement);
    }

    private void execute(String pragma, String statement) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute(pragma);
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
