package dev.genstore.s3;

import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.OperationsContract;
import dev.genstore.postgres.PostgresStorage;
import dev.genstore.postgres.TestPostgres;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** {@link OperationsContract} (verify's blob checks, sweep, purge) on PostgreSQL with its blobs in S3. */
class PostgresS3OperationsContractTest extends OperationsContract {
    private String url;

    @Override
    protected Storage newStorage() {
        String fresh = TestPostgres.freshSchemaUrl();
        if (url == null) {
            url = fresh; // the first storage of a test is the one behind `store`
        }
        return PostgresStorage.of(fresh);
    }

    @Override
    protected BlobStore blobStore() {
        return TestS3.freshStore();
    }

    @Override
    protected void sql(String statement) {
        execute("SET session_replication_role = origin", statement);
    }

    /** {@code replica} turns off the triggers that enforce foreign keys. */
    @Override
    protected void sqlWithoutForeignKeys(String statement) {
        execute("SET session_replication_role = replica", statement);
    }

    private void execute(String setting, String statement) {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(setting);
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
