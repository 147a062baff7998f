package dev.genstore.s3;

import dev.genstore.contract.ApiSignatures;
import org.junit.jupiter.api.Test;

/** The public API of genstore-blobs-s3 equals its baseline `api/genstore-blobs-s3.api` (update it with `-Dgenstore.api.update=true`). */
class S3ApiTest {
    @Test
    void apiEqualsItsBaseline() {
        ApiSignatures.assertUnchanged(S3BlobStore.class, "genstore-blobs-s3");
    }
}
