package dev.genstore.s3;

import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.ThumbnailContract;
import dev.genstore.spi.Storage;
import dev.genstore.sqlite.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ThumbnailContract} on SQLite with its blobs in S3 (the test JVM's s3proxy). */
class SqliteS3ThumbnailContractTest extends ThumbnailContract {
    @TempDir
    Path dir;
    private int stores;

    @Override
    protected Storage newStorage() {
        return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
    }

    @Override
    protected BlobStore blobStore() {
        return TestS3.freshStore();
    }
}
