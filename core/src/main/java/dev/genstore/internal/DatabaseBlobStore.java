package dev.genstore.internal;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * Blobs in the storage's database through {@link dev.genstore.spi.BlobRepository}: a put or delete joins the
 * transaction of the calling thread, so blobs and rows commit together. Content is read whole into memory (a stream
 * cannot outlive the transaction it was read in).
 */
public final class DatabaseBlobStore implements BlobStore {
    private static final String LISTING = "blobs";

    private final Storage storage;
    private final Clock clock;

    public DatabaseBlobStore(Storage storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    @Override
    public BlobInfo put(String key, byte[] content, String contentType) {
        BlobKeys.requireValid(key);
        String type = BlobKeys.requireValidContentType(contentType);
        Validate.notNull("content", content);
        byte[] copy = content.clone();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        storage.write(r -> {
            r.blobs().put(key, type, copy, now);
            return null;
        });
        return new BlobInfo(key, type, copy.length);
    }

    @Override
    public BlobInfo put(String key, InputStream content, String contentType) {
        BlobKeys.requireValid(key);
        BlobKeys.requireValidContentType(contentType);
        Validate.notNull("content", content);
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
        BlobKeys.requireValid(key);
        byte[] content = storage.read(r -> r.blobs().content(key)).orElseThrow(() -> new NotFoundException("blob", key));
        return new ByteArrayInputStream(content);
    }

    @Override
    public byte[] getBytes(String key) {
        BlobKeys.requireValid(key);
        return storage.read(r -> r.blobs().content(key)).orElseThrow(() -> new NotFoundException("blob", key));
    }

    @Override
    public Optional<BlobInfo> info(String key) {
        BlobKeys.requireValid(key);
        return storage.read(r -> r.blobs().info(key));
    }

    @Override
    public boolean delete(String key) {
        BlobKeys.requireValid(key);
        return storage.write(r -> r.blobs().delete(key));
    }

    @Override
    public Page<BlobInfo> list(String prefix, PageRequest page) {
        BlobKeys.requireValidPrefix(prefix);
        Validate.notNull("page", page);
        String after = null;
        if (page.after() != null) {
            after = Cursors.decode(LISTING, page.after());
            try {
                BlobKeys.requireValid(after);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("cursor", "is not a cursor of a blob listing: " + page.after());
            }
        }
        String from = after;
        List<BlobInfo> rows = storage.read(r -> r.blobs().listAfter(prefix, from, page.size() + 1));
        return Pages.of(rows, page.size(), info -> Cursors.encode(LISTING, info.key()));
    }

    @Override
    public String toString() {
        return "the " + storage.name() + " database";
    }
}
