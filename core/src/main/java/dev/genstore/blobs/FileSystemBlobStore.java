package dev.genstore.blobs;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Blobs as files under a root directory: the key {@code a/b/c.png} is the file {@code root/a/b/c.png}, so a web
 * server can serve the directory as it is. The content type lives in a sidecar under {@code root/.meta/}; temporary
 * files live in {@code root/.tmp/}. No key can name either (no key segment starts with a dot).
 *
 * <p>A put first writes the content and the content type to temporary files (the content forced to disk); a failure
 * there (the stream throws, the disk is full) deletes them and changes nothing else. Then the sidecar is renamed into
 * place and the content renamed over the target (an atomic replace on POSIX filesystems), and the directory forced:
 * after a crash the key holds the old content or the new one, never part of one. Should the content's rename fail,
 * the old sidecar is put back (or the new one removed), so a failed put over a key leaves its old bytes with their
 * old type. The content file is the commit point: a sidecar without content is invisible (while a put replaces a blob
 * with one of another type, a reader may briefly see the new type with the old content), and
 * {@link #removeLeftovers()} removes one older than an hour. The sidecar is renamed into place but not forced to disk:
 * a crash may lose a content type, which then reads as {@code application/octet-stream}, but never content; forcing
 * it too would double the syncs of every put. Temporary files older than an hour (left by a crash) are removed when a
 * store opens on the directory, and by {@link #removeLeftovers()}.
 */
final class FileSystemBlobStore implements BlobStore {
    private static final String TEMP = ".tmp";
    private static final String META = ".meta";
    private static final String DEFAULT_TYPE = "application/octet-stream";
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    private static final int MOVE_ATTEMPTS = 5;

    private final Path root;
    private final Path temp;
    private final Path meta;

    FileSystemBlobStore(Path directory) {
        if (directory == null) {
            throw new InvalidInputException("root", "must not be null");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new InvalidInputException("root", "is not a directory: " + directory);
        }
        try {
            Files.createDirectories(directory);
            this.root = directory.toRealPath();
            this.temp = Files.createDirectories(root.resolve(TEMP));
            this.meta = Files.createDirectories(root.resolve(META));
        } catch (IOException e) {
            throw new StorageException("cannot open the blob directory " + directory + ": " + e.getMessage(), false, e);
        }
        removeStaleTemporaryFiles();
    }

    @Override
    public BlobInfo put(String key, byte[] content, String contentType) {
        Path target = path(BlobKeys.requireValid(key));
        String type = BlobKeys.requireValidContentType(contentType);
        if (content == null) {
            throw new InvalidInputException("content", "must not be null");
        }
        return write(key, target, type, out -> out.write(content));
    }

    @Override
    public BlobInfo put(String key, InputStream content, String contentType) {
        Path target = path(BlobKeys.requireValid(key));
        String type = BlobKeys.requireValidContentType(contentType);
        if (content == null) {
            throw new InvalidInputException("content", "must not be null");
        }
        return write(key, target, type, content::transferTo);
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private BlobInfo write(String key, Path target, String type, Content content) {
        Path contentFile = null;
        Path typeFile = null;
        try {
            // Both files complete before either moves: a failing stream or a full disk changes nothing.
            contentFile = writeTemporary(content, true);
            // The content type is a hint (a lost one reads as the default): not forced to disk, which would double the
            // syncs of every put.
            typeFile = writeTemporary(out -> out.write(type.getBytes(StandardCharsets.UTF_8)), false);
            long size = Files.size(contentFile);
            Path sidecar = metaPath(key);
            Optional<byte[]> oldType = readSidecar(sidecar);
            moveIntoPlace(typeFile, sidecar);
            typeFile = null;
            try {
                moveIntoPlace(contentFile, target);
                contentFile = null;
            } catch (IOException | RuntimeException e) {
                restoreSidecar(sidecar, oldType, e);
                throw e;
            }
            forceDirectory(target.getParent());
            return new BlobInfo(key, type, size);
        } catch (IOException e) {
            throw new StorageException("cannot write blob " + key + ": " + e, false, e);
        } finally {
            deleteTemporary(contentFile);
            deleteTemporary(typeFile);
        }
    }

    /** Writes a new temporary file (forced to disk when {@code durable}) and returns it; removes it when that fails. */
    private Path writeTemporary(Content content, boolean durable) throws IOException {
        Path file = Files.createTempFile(temp, "put-", ".part");
        boolean written = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            content.writeTo(out);
            out.flush();
            if (durable) {
                channel.force(true);
            }
            written = true;
        } finally {
            if (!written) {
                deleteTemporary(file);
            }
        }
        return file;
    }

    /** Renames a temporary file over {@code target}, creating the target's directories. */
    private void moveIntoPlace(Path file, Path target) throws IOException {
        Path parent = target.getParent();
        for (int attempt = 1; ; attempt++) {
            createParents(parent);
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            } catch (NoSuchFileException e) {
                // A concurrent delete pruned the (then empty) parent directory; create it again.
                if (attempt == MOVE_ATTEMPTS) {
                    throw e;
                }
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the filesystem of " + root + " cannot rename atomically", e);
            }
        }
    }

    /** The sidecar's bytes, when there is one inside the meta tree. */
    private Optional<byte[]> readSidecar(Path sidecar) {
        try {
            if (inside(sidecar.getParent(), meta) && Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(Files.readAllBytes(sidecar));
            }
        } catch (IOException e) {
            // unreadable: nothing to put back
        }
        return Optional.empty();
    }

    /** After the content failed to move: the key's old content type back (or none), so the failed put changes nothing. */
    private void restoreSidecar(Path sidecar, Optional<byte[]> oldType, Exception failure) {
        try {
            if (oldType.isPresent()) {
                Path file = writeTemporary(out -> out.write(oldType.get()), false);
                try {
                    moveIntoPlace(file, sidecar);
                } finally {
                    deleteTemporary(file);
                }
            } else {
                Files.deleteIfExists(sidecar);
            }
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void deleteTemporary(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stale temporary file is invisible, and removed by removeLeftovers or the next open
            }
        }
    }

    private void createParents(Path directory) throws IOException {
        try {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("a blob is in the way of directory " + root.relativize(directory), e);
        }
        // A symbolic link planted inside the root must not lead a write outside it.
        if (!directory.toRealPath().startsWith(root)) {
            throw new IOException("directory " + root.relativize(directory) + " leads outside the blob root");
        }
    }

    private static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms (Windows) cannot open a directory; the rename is durable there by other means.
        }
    }

    @Override
    public InputStream get(String key) {
        Path file = existing(key).orElseThrow(() -> new NotFoundException("blob", key));
        try {
            return Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("blob", key);
        } catch (IOException e) {
            throw new StorageException("cannot read blob " + key + ": " + e, false, e);
        }
    }

    /** The whole file in one read sized from the file (the cache's hit path), rather than through a stream's chunks. */
    @Override
    public byte[] getBytes(String key) {
        Path file = existing(key).orElseThrow(() -> new NotFoundException("blob", key));
        // No link followed, as get; a blob's file is only ever replaced by a rename, so its size holds while open.
        try (SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = channel.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new StorageException("blob " + key + " is too large for one array: " + size + " bytes", false, null);
            }
            ByteBuffer content = ByteBuffer.allocate((int) size);
            while (content.hasRemaining() && channel.read(content) >= 0) {
                // read on
            }
            return content.hasRemaining() ? Arrays.copyOf(content.array(), content.position()) : content.array();
        } catch (NoSuchFileException e) {
            throw new NotFoundException("blob", key);
        } catch (IOException e) {
            throw new StorageException("cannot read blob " + key + ": " + e, false, e);
        }
    }

    @Override
    public Optional<BlobInfo> info(String key) {
        return existing(key).flatMap(file -> {
            try {
                return Optional.of(new BlobInfo(key, contentType(key), Files.size(file)));
            } catch (NoSuchFileException e) {
                return Optional.empty();
            } catch (IOException e) {
                throw new StorageException("cannot read blob " + key + ": " + e, false, e);
            }
        });
    }

    @Override
    public boolean delete(String key) {
        Path file = path(BlobKeys.requireValid(key));
        try {
            // Only a file whose directory really lies inside the root: a planted link must not lead a delete outside.
            boolean existed = existing(key).isPresent() && Files.deleteIfExists(file);
            Path sidecar = metaPath(key);
            if (inside(sidecar.getParent(), meta)) {
                Files.deleteIfExists(sidecar);
            }
            if (existed) {
                forceDirectory(file.getParent());
                pruneEmptyDirectories(file.getParent(), root);
                pruneEmptyDirectories(metaPath(key).getParent(), meta);
            }
            return existed;
        } catch (IOException e) {
            throw new StorageException("cannot delete blob " + key + ": " + e, false, e);
        }
    }

    private static void pruneEmptyDirectories(Path directory, Path stop) {
        for (Path dir = directory; dir != null && !dir.equals(stop) && dir.startsWith(stop); dir = dir.getParent()) {
            try {
                Files.delete(dir);
            } catch (DirectoryNotEmptyException | NoSuchFileException e) {
                return;
            } catch (IOException e) {
                return; // best effort: an empty directory does no harm
            }
        }
    }

    @Override
    public Page<BlobInfo> list(String prefix, PageRequest page) {
        BlobKeys.requireValidPrefix(prefix);
        if (page == null) {
            throw new InvalidInputException("page", "must not be null");
        }
        String after = page.after() == null ? null : BlobKeys.decodeCursor(page.after());
        List<String> keys = new ArrayList<>();
        try {
            walk(root, "", prefix, after, page.size() + 1, keys);
        } catch (IOException e) {
            throw new StorageException("cannot list blobs under " + prefix + ": " + e, false, e);
        }
        List<BlobInfo> infos = new ArrayList<>();
        for (String key : keys) {
            info(key).ifPresent(infos::add); // a blob deleted meanwhile is left out
        }
        if (keys.size() <= page.size()) {
            return new Page<>(infos, null);
        }
        List<BlobInfo> items = infos.subList(0, Math.min(page.size(), infos.size()));
        return new Page<>(items, BlobKeys.encodeCursor(keys.get(page.size() - 1)));
    }

    /**
     * Collects, in ascending key order, up to {@code limit} keys under {@code directory} (whose keys start with
     * {@code base}) that start with {@code prefix} and sort after {@code after}. Entries are visited sorted by their
     * name with a '/' appended to directories, which is exactly the order of the full keys.
     */
    private void walk(Path directory, String base, String prefix, String after, int limit, List<String> keys) throws IOException {
        TreeMap<String, Path> entries = new TreeMap<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
            for (Path entry : stream) {
                String name = entry.getFileName().toString();
                if (name.startsWith(".")) {
                    continue; // .tmp, .meta and anything no key can name
                }
                boolean isDirectory = Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS);
                if (!isDirectory && !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                entries.put(base + name + (isDirectory ? "/" : ""), entry);
            }
        } catch (NoSuchFileException e) {
            return;
        }
        for (var entry : entries.entrySet()) {
            if (keys.size() >= limit) {
                return;
            }
            String key = entry.getKey();
            if (key.endsWith("/")) {
                boolean mayMatch = key.startsWith(prefix) || prefix.startsWith(key);
                boolean mayFollow = after == null || after.startsWith(key) || key.compareTo(after) > 0;
                if (mayMatch && mayFollow) {
                    walk(entry.getValue(), key, prefix, after, limit, keys);
                }
            } else if (key.startsWith(prefix) && (after == null || key.compareTo(after) > 0) && isKey(key)) {
                keys.add(key);
            }
        }
    }

    private static boolean isKey(String key) {
        try {
            BlobKeys.requireValid(key);
            return true;
        } catch (InvalidInputException e) {
            return false; // a file someone else put here under a name no key can have
        }
    }

    /** The key's file, when it is a regular file reached without leaving the root through a link. */
    private Optional<Path> existing(String key) {
        Path file = path(BlobKeys.requireValid(key));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !inside(file.getParent(), root)) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** True when {@code directory}, with every link in its path resolved, lies inside {@code base}. */
    private static boolean inside(Path directory, Path base) {
        try {
            return directory.toRealPath().startsWith(base);
        } catch (IOException e) {
            return false;
        }
    }

    private String contentType(String key) {
        Path sidecar = metaPath(key);
        if (!inside(sidecar.getParent(), meta) || !Files.isRegularFile(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            return DEFAULT_TYPE;
        }
        try {
            String type = new String(Files.readAllBytes(sidecar), StandardCharsets.UTF_8);
            return type.isBlank() ? DEFAULT_TYPE : type; // blank: a sidecar cut short by a crash
        } catch (IOException e) {
            return DEFAULT_TYPE; // a file placed by hand, or a sidecar lost: the content is still there
        }
    }

    /** The file of a valid key; the check against the root is a second line of defence behind the key rules. */
    private Path path(String key) {
        Path file = root.resolve(key).normalize();
        if (!file.startsWith(root) || file.equals(root) || file.startsWith(temp) || file.startsWith(meta)) {
            throw new InvalidInputException("key", "leads outside the blob store: " + key);
        }
        return file;
    }

    private Path metaPath(String key) {
        Path file = meta.resolve(key).normalize();
        if (!file.startsWith(meta) || file.equals(meta)) {
            throw new InvalidInputException("key", "leads outside the blob store: " + key);
        }
        return file;
    }

    /**
     * Removes temporary files and sidecars without content, both older than an hour (a put in progress keeps its
     * own): what a crash, or a put of an earlier version that failed half-way, left behind.
     */
    @Override
    public int removeLeftovers() {
        int removed = removeStaleTemporaryFiles();
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMP));
        List<Path> strays = new ArrayList<>();
        try (Stream<Path> files = Files.walk(meta)) {
            files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).forEach(sidecar -> {
                Path content = root.resolve(meta.relativize(sidecar).toString());
                try {
                    if (!Files.isRegularFile(content, LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(sidecar, LinkOption.NOFOLLOW_LINKS).compareTo(cutoff) < 0) {
                        strays.add(sidecar);
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new StorageException("cannot list the content types under " + meta + ": " + e, false, e);
        }
        for (Path sidecar : strays) {
            try {
                if (Files.deleteIfExists(sidecar)) {
                    removed++;
                    pruneEmptyDirectories(sidecar.getParent(), meta);
                }
            } catch (IOException e) {
                // best effort: a stray sidecar is invisible
            }
        }
        return removed;
    }

    private int removeStaleTemporaryFiles() {
        int removed = 0;
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_TEMP));
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(temp, "*.part")) {
            for (Path file : stream) {
                if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0 && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        } catch (IOException e) {
            // best effort: a stale temporary file is invisible and harmless
        }
        return removed;
    }

    @Override
    public String toString() {
        return "BlobStore.directory(" + root + ")";
    }
}
