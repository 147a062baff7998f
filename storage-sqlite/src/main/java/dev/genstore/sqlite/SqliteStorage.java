package dev.genstore.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.JdbcStorage;
import dev.genstore.jdbc.Pools;
import dev.genstore.jdbc.StatementCachingDataSource;
import dev.genstore.sqlite.internal.SqliteDialect;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The embedded SQLite backend: one database file, WAL journal, foreign keys on.
 *
 * <p>Writes go through a single writer connection that starts every transaction with {@code BEGIN IMMEDIATE}: a
 * second writer in the same process waits its turn in the pool (up to {@link #writerWait(Duration)}), and a writer in
 * another process sharing the file waits in SQLite's busy handler (up to {@link #busyTimeout(Duration)}), so
 * {@code SQLITE_BUSY} does not reach the caller under normal load. Reads run on a small pool of read-only connections
 * concurrently with the writer (WAL readers never block it).
 *
 * <p>Durability: {@link Synchronous#NORMAL} by default (in WAL mode a commit survives an application crash; a power
 * loss may roll back the last transactions but never corrupts the file); {@link Synchronous#FULL} also survives
 * power loss, at several times the cost per commit.
 *
 * <p>Blobs (image files and their variants) go by default to the directory {@code <file>-blobs} beside the database
 * file, as {@link BlobStore#directory(Path)}: files in SQLite's page cache would slow every query and swell backups.
 *
 * <p>Instances are immutable: each setting returns a new instance.
 */
public final class SqliteStorage extends JdbcStorage {
    /** SQLite's {@code PRAGMA synchronous} levels genstore supports. */
    public enum Synchronous {
        /** Sync at checkpoints only: durable across application crashes. The default. */
        NORMAL,
        /** Sync the WAL at every commit: durable across power loss too. */
        FULL
    }

    private final Path file;
    private final Synchronous synchronous;
    private final Duration busyTimeout;
    private final Duration writerWait;
    private final int readers;

    private SqliteStorage(Path file, Synchronous synchronous, Duration busyTimeout, Duration writerWait, int readers) {
        super(new SqliteDialect());
        this.file = file;
        this.synchronous = synchronous;
        this.busyTimeout = busyTimeout;
        this.writerWait = writerWait;
        this.readers = readers;
    }

    /**
     * A storage on the database file at {@code path}, created (with its parent directories) if missing.
     *
     * @throws InvalidInputException when {@code path} is null or a directory
     */
    public static SqliteStorage file(Path path) {
        if (path == null) {
            throw new InvalidInputException("path", "must not be null");
        }
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("path", "is a directory, not a database file: " + path);
        }
        return new SqliteStorage(path.toAbsolutePath(), Synchronous.NORMAL, Duration.ofSeconds(30), Duration.ofSeconds(60), 4);
    }

    /** This storage with another {@code PRAGMA synchronous} level. */
    public SqliteStorage synchronous(Synchronous level) {
        if (level == null) {
            throw new InvalidInputException("synchronous", "must not be null");
        }
        return new SqliteStorage(file, level, busyTimeout, writerWait, readers);
    }

    /** How long a connection waits for a lock held by another process (SQLite's busy timeout); 30 s by default. */
    public SqliteStorage busyTimeout(Duration timeout) {
        return new SqliteStorage(file, synchronous, positive("busyTimeout", timeout), writerWait, readers);
    }

    /** How long a write waits for the writer connection held by this process; 60 s by default. */
    public SqliteStorage writerWait(Duration wait) {
        return new SqliteStorage(file, synchronous, busyTimeout, positive("writerWait", wait), readers);
    }

    /** How many read-only connections serve reads concurrently with the writer; 4 by default. */
    public SqliteStorage readers(int count) {
        if (count < 1 || count > 64) {
            throw new InvalidInputException("readers", "must be between 1 and 64, was " + count);
        }
        return new SqliteStorage(file, synchronous, busyTimeout, writerWait, count);
    }

    /** The database file. */
    public Path path() {
        return file;
    }

    /** The directory beside the database file where blobs go unless the application chooses another store. */
    public Path blobDirectory() {
        return file.resolveSibling(file.getFileName() + "-blobs");
    }

    @Override
    public Optional<BlobStore> defaultBlobStore() {
        return Optional.of(BlobStore.directory(blobDirectory()));
    }

    @Override
    protected Pools openPools() {
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StorageException("cannot create the directory of " + file + ": " + e.getMessage(), false, e);
        }
        enableIncrementalVacuumOnNewDatabase();
        HikariDataSource writer = pool("genstore-sqlite-writer", writerSource(), 1, writerWait, false);
        try {
            SQLiteConfig readConfig = baseConfig();
            readConfig.setReadOnly(true);
            HikariDataSource reader = pool("genstore-sqlite-reader", source(readConfig), readers, writerWait, true);
            return new Pools(writer, reader, () -> {
                reader.close();
                writer.close();
            });
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * A new database gets {@code auto_vacuum=INCREMENTAL}, so maintenance can hand free pages back to the file system a
     * few at a time without rewriting it. SQLite lets that be chosen only before the first table exists (afterwards it
     * takes a {@code VACUUM} of the whole file), so an existing database keeps its mode.
     */
    private void enableIncrementalVacuumOnNewDatabase() {
        try (Connection c = writerSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sqlite_schema")) {
                r.next();
                if (r.getLong(1) > 0) {
                    return;
                }
            }
            s.execute("PRAGMA auto_vacuum = INCREMENTAL");
            s.execute("VACUUM"); // the WAL switch at connect already wrote the header; VACUUM rewrites it with the mode
        } catch (SQLException e) {
            throw new StorageException("cannot prepare the new database " + file + ": " + e.getMessage(), false, e);
        }
    }

    /** Flyway gets its own unpooled connections: it may need more than the one writer connection at a time. */
    @Override
    protected DataSource migrationDataSource(Pools opened) {
        return writerSource();
    }

    /**
     * Checks get a new read-only connection each time: on a connection that ran {@code integrity_check} before, FTS5
     * reports a checksum mismatch for rows added since (sqlite-jdbc 3.54.1), which a fresh connection does not.
     */
    @Override
    protected DataSource checkDataSource(Pools opened) {
        SQLiteConfig config = baseConfig();
        config.setReadOnly(true);
        return source(config);
    }

    private SQLiteDataSource writerSource() {
        SQLiteConfig config = baseConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(synchronous == Synchronous.FULL ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        // Take the write lock at BEGIN, so a transaction never fails half-way upgrading a read lock (SQLITE_BUSY).
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return source(config);
    }

    private SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        return config;
    }

    private SQLiteDataSource source(SQLiteConfig config) {
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    private static HikariDataSource pool(String name, DataSource source, int size, Duration wait, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        // sqlite-jdbc has no statement cache: each pooled connection keeps its own, closed and collected with it.
        config.setDataSource(StatementCachingDataSource.around(source));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(wait.toMillis());
        config.setAutoCommit(true);
        // sqlite-jdbc fixes read-only when it opens a connection; Hikari must ask for the same or it fails to reset it.
        config.setReadOnly(readOnly);
        return new HikariDataSource(config);
    }

    private static Duration positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new InvalidInputException(field, "must be positive, was " + value);
        }
        return value;
    }
}
