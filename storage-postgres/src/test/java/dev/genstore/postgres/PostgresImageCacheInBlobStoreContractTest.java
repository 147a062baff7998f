package dev.genstore.postgres;

/** The cache suite again with every value in the blob store (an inline threshold of 0) rather than in its row. */
class PostgresImageCacheInBlobStoreContractTest extends PostgresImageCacheContractTest {
    @Override
    protected int inlineBytes() {
        return 0;
    }
}
