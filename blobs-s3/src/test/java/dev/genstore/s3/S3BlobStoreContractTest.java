package dev.genstore.s3;

import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.BlobStoreContract;
import dev.genstore.sqlite.SqliteStorage;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** {@link S3BlobStore} against the blob store contract, on a real S3 server. */
class S3BlobStoreContractTest extends BlobStoreContract {
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
