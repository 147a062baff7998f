package dev.genstore.s3;

import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.ImageCacheContract;
import dev.genstore.spi.Storage;
import dev.genstore.sqlite.SqliteStorage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link ImageCacheContract} on SQLite with its blobs in S3 (the test JVM's s3proxy). */
class SqliteS3ImageCacheContractTest extends ImageCacheContract {
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

    /** Every value in S3 (none kept in its row), so the suite exercises the bucket. */
    @Override
    protected int inlineBytes() {
        return 0;
    }
}
