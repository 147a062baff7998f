package dev.genstore.memory;

/** The cache suite again with every value in the blob store (an inline threshold of 0) rather than in its row. */
class MemoryImageCacheInBlobStoreContractTest extends MemoryImageCacheContractTest {
    @Override
    protected int inlineBytes() {
        return 0;
    }
}
