package dev.genstore.benchmarks.workloads;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * A blob store that checks keys and content types as every store does and keeps nothing: the image workloads measure
 * rows and pixels, not the writing of blob bytes (a directory's fsync, or a bytea column).
 */
final class DiscardingBlobStore implements BlobStore {

    @Override
    public BlobInfo put(String key, byte[] content, String contentType) {
        return new BlobInfo(BlobKeys.requireValid(key), BlobKeys.requireValidContentType(contentType), content.length);
    }

    @Override
    public BlobInfo put(String key, InputStream content, String contentType) {
        try {
            return put(key, content.readAllBytes(), contentType);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public InputStream get(String key) {
        throw new NotFoundException("blob", key);
    }

    @Override
    public Optional<BlobInfo> info(String key) {
        return Optional.empty();
    }

    @Override
    public boolean delete(String key) {
        return false;
    }

    @Override
    public Page<BlobInfo> list(String prefix, PageRequest page) {
        return new Page<>(List.of(), null);
    }
}
