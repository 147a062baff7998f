package dev.genstore.memory;

import dev.genstore.blobs.BlobStore;
import dev.genstore.contract.ImagesContract;
import dev.genstore.spi.Storage;

/** Images with blobs outside the database (written before the rows, deleted after the commit), on H2. */
class MemoryImagesOnAnOutsideBlobStoreContractTest extends ImagesContract {
    @Override
    protected Storage newStorage() {
        return MemoryStorage.create();
    }

    @Override
    protected BlobStore blobStore() {
        return BlobStore.inMemory();
    }
}
