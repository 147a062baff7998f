package dev.genstore.blobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.errors.GenstoreException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.paging.PageRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the directory store can get wrong: where files go, links that lead out, and a process killed mid-write. */
class FileSystemBlobStoreTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aBlobIsAFileAtItsKeyAndItsContentTypeSurvivesReopening() throws IOException {
        Path root = dir.resolve("blobs");
        BlobStore store = BlobStore.directory(root);
        store.put("images/u1/1-cat.png", bytes("meow"), "image/png");
        assertArrayEquals(bytes("meow"), Files.readAllBytes(root.resolve("images/u1/1-cat.png")));
        BlobStore reopened = BlobStore.directory(root);
        assertEquals(Optional.of(new BlobInfo("images/u1/1-cat.png", "image/png", 4)), reopened.info("images/u1/1-cat.png"));
        assertTrue(reopened.delete("images/u1/1-cat.png"));
        assertFalse(Files.exists(root.resolve("images")), "emptied directories are pruned");
    }

    @Test
    void theRootMustBeADirectory() throws IOException {
        Files.writeString(dir.resolve("plain-file"), "x");
        assertThrows(dev.genstore.errors.InvalidInputException.class, () -> BlobStore.directory(dir.resolve("plain-file")));
        assertThrows(dev.genstore.errors.InvalidInputException.class, () -> BlobStore.directory(null));
    }

    @Test
    void aSymbolicLinkInsideTheRootDoesNotLeadOutOfIt() throws IOException {
        Path root = dir.resolve("blobs");
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "secret");
        BlobStore store = BlobStore.directory(root);
        Files.createSymbolicLink(root.resolve("link"), outside);

        assertThrows(StorageException.class, () -> store.put("link/planted.txt", bytes("x"), "text/plain"));
        assertFalse(Files.exists(outside.resolve("planted.txt")));
        assertThrows(NotFoundException.class, () -> store.get("link/secret.txt"));
        assertEquals(Optional.empty(), store.info("link/secret.txt"));
        assertFalse(store.delete("link/secret.txt"));
        assertEquals("secret", Files.readString(outside.resolve("secret.txt")));
        assertEquals(List.of(), store.list("", PageRequest.first(10)).items());
    }

    @Test
    void aFailedPutLeavesNoTemporaryFile() throws IOException {
        Path root = dir.resolve("blobs");
        BlobStore store = BlobStore.directory(root);
        InputStream failing = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ > 10_000) {
                    throw new IOException("gone");
                }
                return 1;
            }
        };
        assertThrows(GenstoreException.class, () -> store.put("a/b.bin", failing, "application/octet-stream"));
        try (Stream<Path> temporary = Files.list(root.resolve(".tmp"))) {
            assertEquals(0, temporary.count());
        }
        assertFalse(Files.exists(root.resolve("a/b.bin")));
        assertFalse(Files.exists(root.resolve(".meta/a/b.bin")), "no content type without content");
        assertEquals(List.of(), filesUnder(root.resolve(".meta")));
    }

    private static List<Path> filesUnder(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aPutWhoseContentCannotMoveIntoPlaceLeavesTheOldContentTypeAndNoNewOne() throws IOException {
        Path root = dir.resolve("blobs");
        BlobStore store = BlobStore.directory(root);
        // A non-empty directory where the content must go: the content write succeeds, its rename fails (root
        // ignores permissions, but no one can rename a file over a non-empty directory).
        Files.createDirectories(root.resolve("k"));
        Files.writeString(root.resolve("k/.keep"), "");
        assertThrows(StorageException.class, () -> store.put("k", bytes("new"), "text/html"));
        assertFalse(Files.exists(root.resolve(".meta/k")), "the new content type is taken back");

        Files.writeString(root.resolve(".meta/j"), "image/png");
        Files.createDirectories(root.resolve("j"));
        Files.writeString(root.resolve("j/.keep"), "");
        assertThrows(StorageException.class, () -> store.put("j", bytes("new"), "text/html"));
        assertEquals("image/png", Files.readString(root.resolve(".meta/j")), "the old content type is put back");
        try (Stream<Path> temporary = Files.list(root.resolve(".tmp"))) {
            assertEquals(0, temporary.count());
        }
    }

    @Test
    void removeLeftoversTakesOldSidecarsWithoutContentAndNothingElse() throws IOException {
        Path root = dir.resolve("blobs");
        BlobStore store = BlobStore.directory(root);
        store.put("u/kept.png", bytes("png"), "image/png");
        Path stray = root.resolve(".meta/u/gone.png");
        Files.writeString(stray, "image/png");
        Path freshStray = root.resolve(".meta/v/in-progress.png");
        Files.createDirectories(freshStray.getParent());
        Files.writeString(freshStray, "image/png");
        Path staleTemp = root.resolve(".tmp/put-1.part");
        Files.writeString(staleTemp, "half");
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(2)));
        Files.setLastModifiedTime(stray, old);
        Files.setLastModifiedTime(staleTemp, old);
        Files.setLastModifiedTime(root.resolve(".meta/u/kept.png"), old);

        assertEquals(2, store.removeLeftovers());
        assertFalse(Files.exists(stray));
        assertFalse(Files.exists(staleTemp));
        assertTrue(Files.exists(freshStray), "a put in progress may own a new sidecar");
        assertEquals(Optional.of(new BlobInfo("u/kept.png", "image/png", 3)), store.info("u/kept.png"));
        assertEquals(0, store.removeLeftovers());
    }

    @Test
    void aBlobInTheWayOfADirectoryIsAStorageFailureNotACorruption() {
        BlobStore store = BlobStore.directory(dir.resolve("blobs"));
        store.put("a/b", bytes("file"), "text/plain");
        assertThrows(StorageException.class, () -> store.put("a/b/c", bytes("x"), "text/plain"));
        assertArrayEquals(bytes("file"), store.getBytes("a/b"));
    }

    /**
     * A process killed while it writes a blob leaves the key as it was (absent, or holding the old content), never a
     * half-written file, and a store opened afterwards lists nothing new.
     */
    @Test
    void aProcessKilledMidWriteLeavesNoHalfFile() throws Exception {
        Path root = dir.resolve("blobs");
        BlobStore store = BlobStore.directory(root);
        store.put("keep/replaced.bin", bytes("old content"), "application/octet-stream");

        killMidWrite(root, "fresh/new.bin");
        killMidWrite(root, "keep/replaced.bin");

        BlobStore after = BlobStore.directory(root);
        assertFalse(after.exists("fresh/new.bin"));
        assertFalse(Files.exists(root.resolve("fresh/new.bin")));
        assertArrayEquals(bytes("old content"), after.getBytes("keep/replaced.bin"));
        assertEquals(List.of("keep/replaced.bin"),
                after.list("", PageRequest.first(10)).items().stream().map(BlobInfo::key).toList());
    }

    private static void killMidWrite(Path root, String key) throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SlowWriter.class.getName(), root.toString(), key)
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals(SlowWriter.HALF_WAY));
            assertEquals(SlowWriter.HALF_WAY, line, "the writer did not get half-way");
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        }
    }

    /** A child process that puts a blob from a stream that stops half-way and waits, to be killed there. */
    public static final class SlowWriter {
        static final String HALF_WAY = "half-way";

        public static void main(String[] args) {
            BlobStore store = BlobStore.directory(Path.of(args[0]));
            store.put(args[1], new InputStream() {
                private int sent;

                @Override
                public int read() throws IOException {
                    if (sent == 1 << 20) {
                        System.out.println(HALF_WAY);
                        System.out.flush();
                        try {
                            Thread.currentThread().join(); // blocks until the process is killed
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                    }
                    sent++;
                    return 'z';
                }
            }, "application/octet-stream");
        }
    }
}
