package dev.genstore.memory;

import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.BlobStoreContract;
import dev.genstore.spi.Storage;

/** {@link BlobStore#inMemory()} against the blob store contract. */
class MemoryInMemoryBlobStoreContractTest extends BlobStoreContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }

    @Override
    protected BlobStore blobStore() {
        return BlobStore.inMemory();
    }
}
