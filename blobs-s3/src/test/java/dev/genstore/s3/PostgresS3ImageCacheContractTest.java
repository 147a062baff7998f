package dev.genstore.s3;

import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.ImageCacheContract;
import dev.genstore.postgres.TestPostgres;
import dev.genstore.spi.Storage;

/** {@link ImageCacheContract} on PostgreSQL with its blobs in S3 (the test JVM's s3proxy). */
class PostgresS3ImageCacheContractTest extends ImageCacheContract {
    @Override
    protected Storage newStorage() {
        return TestPostgres.freshStorage();
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
