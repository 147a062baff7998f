package dev.genstore.blobs;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Blobs in a sorted concurrent map; a put replaces the whole entry at once. */
final class MemoryBlobStore implements BlobStore {
    private record Stored(byte[] content, String contentType) {
    }

    private final ConcurrentSkipListMap<String, Stored> blobs = new ConcurrentSkipListMap<>();

    @Override
    public BlobInfo put(String key, byte[] content, String contentType) {
        BlobKeys.requireValid(key);
        String type = BlobKeys.requireValidContentType(contentType);
        if (content == null) {
            throw new InvalidInputException("content", "must not be null");
        }
        blobs.put(key, new Stored(content.clone(), type));
        return new BlobInfo(key, type, content.length);
    }

    @Override
    public BlobInfo put(String key, InputStream content, String contentType) {
        BlobKeys.requireValid(key);
        BlobKeys.requireValidContentType(contentType);
        if (content == null) {
            throw new InvalidInputException("content", "must not be null");
        }
        byte[] bytes;
        try {
            bytes = content.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read the content of blob " + key + ": " + e, false, e);
        }
        return put(key, bytes, contentType);
    }

    @Override
    public InputStream get(String key) {
        Stored stored = blobs.get(BlobKeys.requireValid(key));
        if (stored == null) {
            throw new NotFoundException("blob", key);
        }
        return new ByteArrayInputStream(stored.content());
    }

    @Override
    public Optional<BlobInfo> info(String key) {
        Stored stored = blobs.get(BlobKeys.requireValid(key));
        return stored == null ? Optional.empty() : Optional.of(new BlobInfo(key, stored.contentType(), stored.content().length));
    }

    @Override
    public boolean delete(String key) {
        return blobs.remove(BlobKeys.requireValid(key)) != null;
    }

    @Override
    public Page<BlobInfo> list(String prefix, PageRequest page) {
        BlobKeys.requireValidPrefix(prefix);
        if (page == null) {
            throw new InvalidInputException("page", "must not be null");
        }
        String after = page.after() == null ? null : BlobKeys.decodeCursor(page.after());
        ConcurrentNavigableMap<String, Stored> range = after == null || after.compareTo(prefix) < 0
                ? blobs.tailMap(prefix, true) : blobs.tailMap(after, false);
        List<BlobInfo> items = new ArrayList<>();
        for (Map.Entry<String, Stored> entry : range.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            if (items.size() == page.size()) {
                return new Page<>(items, BlobKeys.encodeCursor(items.get(items.size() - 1).key()));
            }
            items.add(new BlobInfo(entry.getKey(), entry.getValue().contentType(), entry.getValue().content().length));
        }
        return new Page<>(items, null);
    }

    @Override
    public String toString() {
        return "BlobStore.inMemory()";
    }
}
