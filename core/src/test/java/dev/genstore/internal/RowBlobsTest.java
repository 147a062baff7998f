package dev.genstore.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The blob-with-its-row protocol over the two blob stores outside the database (a directory in a temp dir, memory);
 * in the database it is the transaction itself, which the contract suite covers on every backend.
 */
class RowBlobsTest {
    private static final String KEY = "genstore/test/a.bin";
    private static final String OTHER = "genstore/test/b.bin";

    enum Kind { DIRECTORY, MEMORY }

    @TempDir
    Path dir;

    private TablelessStorage storage;
    private CountingBlobStore blobs;
    private RowBlobs rowBlobs;

    private void open(Kind kind) {
        storage = new TablelessStorage();
        blobs = new CountingBlobStore(kind == Kind.DIRECTORY ? BlobStore.directory(dir.resolve("blobs")) : BlobStore.inMemory());
        rowBlobs = new RowBlobs(new ServiceContext(storage, Clock.systemUTC(), blobs), "test");
    }

    private static RowBlobs.Blob blob(String key) {
        return new RowBlobs.Blob(key, key.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    }

    private String putThenRow(List<RowBlobs.Blob> put, Runnable row) {
        return rowBlobs.putThenRow(put, Instant.now(), r -> {
            row.run();
            return "row";
        });
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aCommittedRowKeepsItsBlobs(Kind kind) {
        open(kind);
        assertEquals("row", putThenRow(List.of(blob(KEY), blob(OTHER)), () -> assertTrue(blobs.exists(KEY))));
        assertTrue(blobs.exists(KEY));
        assertTrue(blobs.exists(OTHER));
        assertEquals(0, blobs.deletes());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aFailureAfterThePutLeavesNoBlobAndDeletesOnce(Kind kind) {
        open(kind);
        assertThrows(IllegalStateException.class, () -> putThenRow(List.of(blob(KEY), blob(OTHER)), () -> {
            throw new IllegalStateException("the row fails");
        }));
        assertFalse(blobs.exists(KEY));
        assertFalse(blobs.exists(OTHER));
        assertEquals(Map.of(KEY, 1, OTHER, 1), blobs.deletesByKey());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anErrorCleansUpToo(Kind kind) {
        open(kind);
        assertThrows(AssertionError.class, () -> putThenRow(List.of(blob(KEY)), () -> {
            throw new AssertionError("not an exception");
        }));
        assertFalse(blobs.exists(KEY));
        assertEquals(Map.of(KEY, 1), blobs.deletesByKey());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aPutThatFailsDeletesTheBlobsAlreadyWrittenAndWritesNoRow(Kind kind) {
        open(kind);
        RowBlobs.Blob refused = new RowBlobs.Blob(OTHER, new byte[] {1}, "not a content type");
        boolean[] rowRan = {false};
        assertThrows(InvalidInputException.class, () -> putThenRow(List.of(blob(KEY), refused), () -> rowRan[0] = true));
        assertFalse(rowRan[0]);
        assertFalse(blobs.exists(KEY));
        assertEquals(Map.of(KEY, 1), blobs.deletesByKey());
        assertEquals(0, storage.attempts());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aTransactionThatNeverBeganLeavesNoBlob(Kind kind) {
        open(kind);
        storage.refuseNextWrite(new StorageException("unreachable", true, null));
        assertThrows(StorageException.class, () -> putThenRow(List.of(blob(KEY)), () -> { }));
        assertFalse(blobs.exists(KEY));
        assertEquals(Map.of(KEY, 1), blobs.deletesByKey());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retriedAttemptsThatCommitKeepTheBlobWrittenOnce(Kind kind) {
        open(kind);
        storage.failTransiently(3);
        putThenRow(List.of(blob(KEY)), () -> { });
        assertEquals(4, storage.attempts());
        assertTrue(blobs.exists(KEY));
        assertEquals(1, blobs.puts());
        assertEquals(0, blobs.deletes());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void retriedAttemptsThatFinallyFailDeleteTheBlobOnce(Kind kind) {
        open(kind);
        storage.failTransiently(2);
        int[] attempt = {0};
        assertThrows(IllegalStateException.class, () -> putThenRow(List.of(blob(KEY)), () -> {
            if (++attempt[0] == 3) {
                throw new IllegalStateException("the third attempt fails for good");
            }
        }));
        assertFalse(blobs.exists(KEY));
        assertEquals(Map.of(KEY, 1), blobs.deletesByKey());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void anEnclosingTransactionThatRollsBackLaterDeletesTheBlob(Kind kind) {
        open(kind);
        assertThrows(IllegalStateException.class, () -> storage.write(r -> {
            putThenRow(List.of(blob(KEY)), () -> { });
            assertTrue(blobs.exists(KEY));
            throw new IllegalStateException("the enclosing work fails after the row");
        }));
        assertFalse(blobs.exists(KEY));
        assertEquals(Map.of(KEY, 1), blobs.deletesByKey());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBlobDroppedWithItsRowGoesOnlyAfterTheCommit(Kind kind) {
        open(kind);
        putThenRow(List.of(blob(KEY)), () -> { });
        storage.write(r -> {
            rowBlobs.deleteAfterCommit(r, List.of(KEY));
            assertTrue(blobs.exists(KEY), "still there until the commit");
            return null;
        });
        assertFalse(blobs.exists(KEY));
        assertEquals(Map.of(KEY, 1), blobs.deletesByKey());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBlobDroppedWithItsRowIsKeptWhenTheDeleteRollsBack(Kind kind) {
        open(kind);
        putThenRow(List.of(blob(KEY)), () -> { });
        assertThrows(IllegalStateException.class, () -> storage.write(r -> {
            rowBlobs.deleteAfterCommit(r, List.of(KEY));
            throw new IllegalStateException("the delete rolls back");
        }));
        assertTrue(blobs.exists(KEY));
        assertEquals(0, blobs.deletes());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aRetriedDeleteDeletesOnlyOnceAfterTheCommit(Kind kind) {
        open(kind);
        putThenRow(List.of(blob(KEY)), () -> { });
        storage.failTransiently(2);
        storage.write(r -> {
            rowBlobs.deleteAfterCommit(r, List.of(KEY));
            return null;
        });
        assertFalse(blobs.exists(KEY));
        assertEquals(Map.of(KEY, 1), blobs.deletesByKey());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void everythingUnderAPrefixGoesAfterTheCommitAndNothingElse(Kind kind) {
        open(kind);
        putThenRow(List.of(blob("genstore/images/u1/1-a.png"), blob("genstore/images/u1/2-b.png"),
                blob("genstore/images/u2/3-c.png")), () -> { });
        assertThrows(IllegalStateException.class, () -> storage.write(r -> {
            rowBlobs.deleteAllUnderAfterCommit(r, "genstore/images/u1/");
            throw new IllegalStateException("rolled back");
        }));
        assertTrue(blobs.exists("genstore/images/u1/1-a.png"));
        storage.write(r -> {
            rowBlobs.deleteAllUnderAfterCommit(r, "genstore/images/u1/");
            return null;
        });
        assertFalse(blobs.exists("genstore/images/u1/1-a.png"));
        assertFalse(blobs.exists("genstore/images/u1/2-b.png"));
        assertTrue(blobs.exists("genstore/images/u2/3-c.png"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aBlobPutInsideATransactionGoesWhenItRollsBackAndStaysWhenItCommits(Kind kind) {
        open(kind);
        assertThrows(IllegalStateException.class, () -> storage.write(r -> {
            rowBlobs.putInTransaction(KEY, new byte[] {1, 2}, "application/octet-stream");
            throw new IllegalStateException("the import fails after the blob");
        }));
        assertFalse(blobs.exists(KEY));
        assertEquals(Map.of(KEY, 1), blobs.deletesByKey());
        storage.write(r -> {
            rowBlobs.putInTransaction(OTHER, new byte[] {3}, "application/octet-stream");
            return null;
        });
        assertTrue(blobs.exists(OTHER));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aDeleteThatFailsIsLoggedNotThrown(Kind kind) {
        open(kind);
        rowBlobs.deleteNow(List.of(KEY, "../not a key"));
        assertEquals(2, blobs.deletes());
    }

    /** The real store, with its puts and deletes counted. */
    private static final class CountingBlobStore implements BlobStore {
        private final BlobStore store;
        private final Map<String, Integer> deletes = new ConcurrentHashMap<>();
        private int puts;

        CountingBlobStore(BlobStore store) {
            this.store = store;
        }

        int puts() {
            return puts;
        }

        int deletes() {
            return deletes.values().stream().mapToInt(Integer::intValue).sum();
        }

        Map<String, Integer> deletesByKey() {
            return Map.copyOf(deletes);
        }

        @Override
        public BlobInfo put(String key, byte[] content, String contentType) {
            puts++;
            return store.put(key, content, contentType);
        }

        @Override
        public BlobInfo put(String key, InputStream content, String contentType) {
            puts++;
            return store.put(key, content, contentType);
        }

        @Override
        public InputStream get(String key) {
            return store.get(key);
        }

        @Override
        public Optional<BlobInfo> info(String key) {
            return store.info(key);
        }

        @Override
        public boolean delete(String key) {
            deletes.merge(key, 1, Integer::sum);
            return store.delete(key);
        }

        @Override
        public Page<BlobInfo> list(String prefix, PageRequest page) {
            return store.list(prefix, page);
        }
    }
}
