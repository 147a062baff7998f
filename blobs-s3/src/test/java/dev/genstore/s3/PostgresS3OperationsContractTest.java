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

/**
 * {@link OperationsContract} (verify's blob checks, sweep, purge) on PostgreSQL with its blobs in S3: the one combination
 * of the two this module runs. The storages hold no blob-store code (core moves blobs beside rows the same way over
 * every backend), so the other contracts over S3 run on SQLite only ({@code SqliteS3*ContractTest}) and over PostgreSQL
 * with its own blob store (storage-postgres); what PostgreSQL adds here is truly concurrent writers while verify and the
 * orphan sweep list S3 (the live-verify race), which SQLite's single writer cannot produce.
 */
class PostgresS3OperationsContractTest extends OperationsContract {
    private String url;

    @Override
    protected Storage newStorage() {
        String fresh = TestPostgres.freshMigratedUrl();
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
