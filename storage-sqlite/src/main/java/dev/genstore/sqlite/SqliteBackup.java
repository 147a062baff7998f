package dev.genstore.sqlite;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import dev.genstore.transfer.TransferException;
import dev.genstore.transfer.TransferException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.sqlite.SQLiteConnection;

/**
 * Online backup and checked restore of a SQLite store: its database file and its blob directory
 * ({@code <file>-blobs}), into and out of one directory.
 *
 * <p>A backup directory holds {@value #DATABASE} (a consistent copy of the database), {@code blobs/} (the blob
 * directory's files), {@value #CHECKSUMS} (the SHA-256 of every blob file, in {@code sha256sum} format) and
 * {@value #INFO} (the database copy's size and SHA-256, the blob count and when it was made).
 */
public final class SqliteBackup {
    static final String DATABASE = "genstore.db";
    static final String BLOBS = "blobs";
    static final String CHECKSUMS = "blobs.sha256";
    static final String INFO = "backup.properties";
    /** The blob directory's temporary files (a put in progress); never part of a backup. */
    private static final String BLOB_TEMP = ".tmp";
    /** The blob directory's content-type sidecars: copied, but not counted as blobs. */
    private static final String BLOB_META = ".meta";
    private static final int BUSY_SLEEP_MILLIS = 100;
    private static final int BUSY_RETRIES = 600;

    private SqliteBackup() {
    }

    /**
     * Backs up the store whose database is {@code databaseFile} into {@code targetDirectory} (created when absent; it
     * must be empty) while applications keep reading and writing it. The database is copied with SQLite's backup API
     * (sqlite-jdbc's {@code backup}) in one step, which reads one consistent snapshot without blocking writers (WAL).
     * Blob files are copied before and after that snapshot, so every blob a row of the snapshot names is in the
     * backup unless it was deleted in between (a row deleted after the snapshot); extra blobs are harmless and found
     * by {@code images().sweep}.
     *
     * @throws InvalidInputException when an argument is null, the database file does not exist or the directory is
     *                               not empty
     * @throws StorageException      when SQLite or the file system fails
     */
    public static BackupReport backup(Path databaseFile, Path targetDirectory) {
        Instant started = Instant.now();
        Path database = existingDatabase("databaseFile", databaseFile);
        Path target = emptyDirectory(targetDirectory);
        Path blobSource = SqliteStorage.file(database).blobDirectory();
        Path blobTarget = target.resolve(BLOBS);
        try {
            Files.createDirectories(blobTarget);
            copyBlobs(blobSource, blobTarget);
            Path copy = target.resolve(DATABASE);
            snapshot(database, copy);
            copyBlobs(blobSource, blobTarget); // blobs written while the snapshot was taken
            Map<String, String> checksums = checksums(blobTarget);
            List<String> lines = new ArrayList<>();
            long[] blobs = {0, 0};
            for (Map.Entry<String, String> entry : checksums.entrySet()) {
                lines.add(entry.getValue() + "  " + entry.getKey());
                if (!entry.getKey().startsWith(BLOB_META + "/")) {
                    blobs[0]++;
                    blobs[1] += Files.size(blobTarget.resolve(entry.getKey()));
                }
            }
            Files.write(target.resolve(CHECKSUMS), lines);
            Properties info = new Properties();
            info.setProperty("format", "1");
            info.setProperty("created", Instant.now().toString());
            info.setProperty("database", DATABASE);
            info.setProperty("database.bytes", Long.toString(Files.size(copy)));
            info.setProperty("database.sha256", sha256(copy));
            info.setProperty("blobs.count", Long.toString(blobs[0]));
            info.setProperty("blobs.bytes", Long.toString(blobs[1]));
            try (OutputStream out = Files.newOutputStream(target.resolve(INFO))) {
                info.store(out, "genstore SQLite backup");
            }
            return new BackupReport(target, Files.size(copy), blobs[0], blobs[1], Duration.between(started, Instant.now()));
        } catch (IOException e) {
            throw new StorageException("cannot write the backup to " + target + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * Restores a backup made by {@link #backup} as the store at {@code databaseFile}, replacing its database and blob
     * directory. The store must be closed (no process may have it open). Everything is checked before the store is
     * touched: the database copy's SHA-256, SQLite's {@code PRAGMA integrity_check}, its schema version (a backup from
     * a newer genstore is refused; an older one is migrated, as opening it would), and every blob file's SHA-256. A
     * backup that fails a check is refused and the store is left as it was.
     *
     * @throws TransferException     (CHECKSUM_MISMATCH, UNREADABLE) when the backup is damaged or incomplete
     * @throws dev.genstore.errors.IncompatibleSchemaException when a newer genstore made the backup
     * @throws InvalidInputException when an argument is null or {@code backupDirectory} is not a directory
     * @throws StorageException      when the file system fails
     */
    public static void restore(Path backupDirectory, Path databaseFile) {
        if (backupDirectory == null || !Files.isDirectory(backupDirectory)) {
            throw new InvalidInputException("backupDirectory", "is not a directory: " + backupDirectory);
        }
        if (databaseFile == null || Files.isDirectory(databaseFile)) {
            throw new InvalidInputException("databaseFile", "must be a database file path, was " + databaseFile);
        }
        Path target = databaseFile.toAbsolutePath();
        Path blobTarget = SqliteStorage.file(target).blobDirectory();
        String suffix = ".restoring-" + UUID.randomUUID();
        Path databaseCopy = target.resolveSibling(target.getFileName() + suffix);
        Path blobCopy = blobTarget.resolveSibling(blobTarget.getFileName() + suffix);
        try {
            Files.createDirectories(target.getParent());
            Properties info = readInfo(backupDirectory);
            Files.copy(backupDirectory.resolve(DATABASE), databaseCopy);
            String sha = sha256(databaseCopy);
            if (!sha.equals(info.getProperty("database.sha256"))) {
                throw new TransferException(Reason.CHECKSUM_MISMATCH, "the backup's database has SHA-256 " + sha
                        + " but " + INFO + " says " + info.getProperty("database.sha256") + "; nothing was restored");
            }
            checkIntegrity(databaseCopy);
            // Opening runs genstore's migrations: it refuses a newer schema and brings an older one up to date.
            // A private copy no other process opens: no process write lock (whose file would outlive the copy).
            SqliteStorage check = SqliteStorage.file(databaseCopy).processWriteLock(false);
            check.open();
            check.close();
            copyCheckedBlobs(backupDirectory, blobCopy);
            swap(databaseCopy, target);
            swap(blobCopy, blobTarget);
        } catch (IOException e) {
            throw new StorageException("cannot restore " + backupDirectory + " to " + target + ": " + e.getMessage(), false, e);
        } finally {
            deleteQuietly(databaseCopy);
            deleteQuietly(databaseCopy.resolveSibling(databaseCopy.getFileName() + "-wal"));
            deleteQuietly(databaseCopy.resolveSibling(databaseCopy.getFileName() + "-shm"));
            deleteQuietly(databaseCopy.resolveSibling(databaseCopy.getFileName() + "-genstore.lock"));
            deleteQuietly(blobCopy);
        }
    }

    private static Path existingDatabase(String field, Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            throw new InvalidInputException(field, "is not a database file: " + file);
        }
        return file.toAbsolutePath();
    }

    private static Path emptyDirectory(Path directory) {
        if (directory == null) {
            throw new InvalidInputException("targetDirectory", "must not be null");
        }
        try {
            if (Files.exists(directory)) {
                try (Stream<Path> files = Files.list(directory)) {
                    if (files.findAny().isPresent()) {
                        throw new InvalidInputException("targetDirectory", "is not empty: " + directory);
                    }
                }
            }
            return Files.createDirectories(directory).toAbsolutePath();
        } catch (IOException e) {
            throw new StorageException("cannot create " + directory + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * Copies the database in one backup step ({@code -1} pages): a step that copies every page reads one snapshot,
     * whereas a backup in several steps restarts whenever another connection writes, and might never finish under load.
     */
    private static void snapshot(Path database, Path copy) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            int rc = connection.unwrap(SQLiteConnection.class).getDatabase()
                    .backup("main", copy.toString(), null, BUSY_SLEEP_MILLIS, BUSY_RETRIES, -1);
            if (rc != 0) {
                throw new StorageException("SQLite backup of " + database + " failed with code " + rc, false, null);
            }
        } catch (SQLException e) {
            throw new StorageException("SQLite backup of " + database + " failed: " + e.getMessage(), false, e);
        }
    }

    /** Copies the blob files that are not in {@code target} yet (temporary files left out). */
    private static void copyBlobs(Path source, Path target) throws IOException {
        if (!Files.isDirectory(source)) {
            return;
        }
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName().toString().equals(BLOB_TEMP) && dir.getParent().equals(source)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                if (!Files.exists(copy)) {
                    try {
                        Files.copy(file, copy);
                    } catch (NoSuchFileException deleted) {
                        // deleted while the backup ran: it belongs to no row of the snapshot taken after it was listed
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** The SHA-256 of every file under {@code root} by its relative path with {@code /} separators, sorted. */
    private static Map<String, String> checksums(Path root) throws IOException {
        Map<String, String> sums = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                sums.put(root.relativize(file).toString().replace('\\', '/'), sha256(file));
            }
        }
        return sums;
    }

    private static Properties readInfo(Path backup) throws IOException {
        Path file = backup.resolve(INFO);
        if (!Files.isRegularFile(file) || !Files.isRegularFile(backup.resolve(DATABASE)) || !Files.isRegularFile(backup.resolve(CHECKSUMS))) {
            throw new TransferException(Reason.UNREADABLE, backup + " is not a complete genstore SQLite backup (it needs "
                    + INFO + ", " + DATABASE + " and " + CHECKSUMS + "); nothing was restored");
        }
        Properties info = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            info.load(in);
        }
        return info;
    }

    private static void checkIntegrity(Path database) {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("PRAGMA integrity_check")) {
            List<String> problems = new ArrayList<>();
            while (rs.next()) {
                problems.add(rs.getString(1));
            }
            if (!problems.equals(List.of("ok"))) {
                throw new TransferException(Reason.CHECKSUM_MISMATCH, "the backup's database fails SQLite's integrity check: "
                        + String.join("; ", problems.subList(0, Math.min(5, problems.size()))) + "; nothing was restored");
            }
        } catch (SQLException e) {
            throw new TransferException(Reason.UNREADABLE, "the backup's database cannot be read: " + e.getMessage()
                    + "; nothing was restored", e);
        }
    }

    /** Copies every blob file the checksum list names into {@code target}, checking each one's SHA-256 on the way. */
    private static void copyCheckedBlobs(Path backup, Path target) throws IOException {
        Path source = backup.resolve(BLOBS);
        Files.createDirectories(target);
        for (String line : Files.readAllLines(backup.resolve(CHECKSUMS))) {
            int gap = line.indexOf("  ");
            if (gap != 64) {
                throw new TransferException(Reason.UNREADABLE, "bad line in " + CHECKSUMS + ": " + line + "; nothing was restored");
            }
            String expected = line.substring(0, gap);
            String name = line.substring(gap + 2);
            Path file = source.resolve(name).normalize();
            Path copy = target.resolve(name).normalize();
            if (!file.startsWith(source) || !copy.startsWith(target) || !Files.isRegularFile(file)) {
                throw new TransferException(Reason.UNREADABLE, "the backup has no blob file " + name + "; nothing was restored");
            }
            Files.createDirectories(copy.getParent());
            MessageDigest digest = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                Files.copy(in, copy);
            }
            String actual = HexFormat.of().formatHex(digest.digest());
            if (!actual.equals(expected)) {
                throw new TransferException(Reason.CHECKSUM_MISMATCH, "blob file " + name + " has SHA-256 " + actual
                        + " but " + CHECKSUMS + " says " + expected + "; nothing was restored");
            }
        }
    }

    /** Moves {@code replacement} to {@code target}, replacing it (its old WAL files go too: they belong to the old database). */
    private static void swap(Path replacement, Path target) throws IOException {
        if (Files.isDirectory(replacement)) {
            Path old = target.resolveSibling(target.getFileName() + ".old-" + UUID.randomUUID());
            if (Files.exists(target)) {
                Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(replacement, target, StandardCopyOption.ATOMIC_MOVE);
            deleteQuietly(old);
            return;
        }
        Files.deleteIfExists(target.resolveSibling(target.getFileName() + "-wal"));
        Files.deleteIfExists(target.resolveSibling(target.getFileName() + "-shm"));
        Files.move(replacement, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteQuietly(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary file is harmless; the restore's own outcome matters more
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
