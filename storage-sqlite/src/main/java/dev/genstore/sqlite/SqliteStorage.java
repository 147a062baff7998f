package dev.genstore.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.JdbcStorage;
import dev.genstore.jdbc.Pools;
import dev.genstore.jdbc.StatementCachingDataSource;
import dev.genstore.jdbc.WriteGate;
import dev.genstore.sqlite.internal.ProcessWriteLock;
import dev.genstore.sqlite.internal.SqliteDialect;
import dev.genstore.sqlite.internal.WalCheckpointer;
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
 * <p>Writes go through a single writer connection that starts every transaction with {@code BEGIN IMMEDIATE}. Writers
 * queue first on a fair lock of this JVM (up to {@link #writerWait(Duration)}), then, when other processes write the
 * same file, on the OS lock of a sidecar file (see {@link #processWriteLock(boolean)}), so processes take turns and a
 * wait never outlasts the operation's deadline. A writer that does not take that lock (an older genstore, a
 * {@code sqlite3} shell) is waited for in SQLite's busy handler (up to {@link #busyTimeout(Duration)}), so
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

    /** Each connection's page cache unless {@link #pageCache(long)} says otherwise: 32 MiB. */
    public static final long DEFAULT_PAGE_CACHE_BYTES = 32L << 20;

    private final Path file;
    private final Synchronous synchronous;
    private final Duration busyTimeout;
    private final Duration writerWait;
    private final int readers;
    private final boolean readOnly;
    private final boolean processLock;
    private final long pageCacheBytes;

    private SqliteStorage(Path file, Synchronous synchronous, Duration busyTimeout, Duration writerWait, int readers,
                          boolean readOnly, boolean processLock, long pageCacheBytes) {
        super(new SqliteDialect());
        this.readOnly = readOnly;
        this.file = file;
        this.synchronous = synchronous;
        this.busyTimeout = busyTimeout;
        this.writerWait = writerWait;
        this.readers = readers;
        this.processLock = processLock;
        this.pageCacheBytes = pageCacheBytes;
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
        return new SqliteStorage(path.toAbsolutePath(), Synchronous.NORMAL, Duration.ofSeconds(30), Duration.ofSeconds(60), 4,
                false, true, DEFAULT_PAGE_CACHE_BYTES);
    }

    /**
     * How much of the database each connection keeps in memory (SQLite's page cache, {@code PRAGMA cache_size}), per
     * connection (the writer and each reader): {@value #DEFAULT_PAGE_CACHE_BYTES} bytes by default, python diskcache's
     * choice; SQLite's own default is 2 MB. Filled only as pages are read, so a small database never uses it all. A hot
     * set that fits (recent cache values, the queue's live jobs) is then read without a system call per page.
     *
     * @throws InvalidInputException unless between 64 KiB and 16 GiB
     */
    public SqliteStorage pageCache(long bytes) {
        if (bytes < 64 * 1024 || bytes > (16L << 30)) {
            throw new InvalidInputException("pageCache", "must be between 65536 bytes and 16 GiB, was " + bytes);
        }
        return new SqliteStorage(file, synchronous, busyTimeout, writerWait, readers, readOnly, processLock, bytes);
    }

    /** This storage with another {@code PRAGMA synchronous} level. */
    public SqliteStorage synchronous(Synchronous level) {
        if (level == null) {
            throw new InvalidInputException("synchronous", "must not be null");
        }
        return new SqliteStorage(file, level, busyTimeout, writerWait, readers, readOnly, processLock, pageCacheBytes);
    }

    /** How long a connection waits for a lock held by another process (SQLite's busy timeout); 30 s by default. */
    public SqliteStorage busyTimeout(Duration timeout) {
        return new SqliteStorage(file, synchronous, positive("busyTimeout", timeout), writerWait, readers, readOnly, processLock, pageCacheBytes);
    }

    /** How long a write waits for the writer connection held by this process; 60 s by default. */
    public SqliteStorage writerWait(Duration wait) {
        return new SqliteStorage(file, synchronous, busyTimeout, positive("writerWait", wait), readers, readOnly, processLock, pageCacheBytes);
    }

    /** How many read-only connections serve reads concurrently with the writer; 4 by default. */
    public SqliteStorage readers(int count) {
        if (count < 1 || count > 64) {
            throw new InvalidInputException("readers", "must be between 1 and 64, was " + count);
        }
        return new SqliteStorage(file, synchronous, busyTimeout, writerWait, count, readOnly, processLock, pageCacheBytes);
    }

    /**
     * This storage opened read-only: every connection is a SQLite read-only connection, so the file is never created,
     * migrated, switched to WAL or otherwise changed (writes fail with a {@link StorageException}); opening refuses a
     * file whose schema is not exactly this genstore's (see {@link JdbcStorage#open()}). For tools that inspect a file
     * they do not own.
     */
    public SqliteStorage readOnly() {
        return new SqliteStorage(file, synchronous, busyTimeout, writerWait, readers, true, processLock, pageCacheBytes);
    }

    /**
     * Whether writers of this store and of other processes on the same file queue on the OS lock of
     * {@link #lockFile()}, taken around every write transaction; on by default. With it, processes sharing the file
     * take turns (a waiting process sleeps in the kernel until the holder lets go, and a write that waits past the
     * operation's deadline fails with a retryable {@link StorageException}); without it, they wait in SQLite's busy
     * handler, which sleeps and polls and lets whoever holds the lock get it again, so a process can get few turns.
     * Turn it off only on a file system without working {@code fcntl} locks (some network file systems), where SQLite
     * itself is not safe either. Reads never take the lock, and a {@link #readOnly()} storage never creates the file.
     */
    public SqliteStorage processWriteLock(boolean on) {
        return new SqliteStorage(file, synchronous, busyTimeout, writerWait, readers, readOnly, on, pageCacheBytes);
    }

    /**
     * The file beside the database whose OS lock writers take (see {@link #processWriteLock(boolean)}):
     * {@code <file>-genstore.lock}. It holds no data and is left in place on close (deleting a lock file others may
     * have open would let two writers lock two different files).
     */
    public Path lockFile() {
        return file.resolveSibling(file.getFileName() + "-genstore.lock");
    }

    @Override
    protected boolean isReadOnly() {
        return readOnly;
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
        if (readOnly) {
            requireReadableDatabase();
            HikariDataSource reader = pool("genstore-sqlite-reader", readOnlySource(), readers, writerWait, true);
            return new Pools(reader, reader, reader::close);
        }
        try {
            Path parent = file.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StorageException("cannot create the directory of " + file + ": " + e.getMessage(), false, e);
        }
        enableIncrementalVacuumOnNewDatabase();
        ProcessWriteLock lock = processLock ? ProcessWriteLock.open(lockFile()) : null;
        HikariDataSource writer = null;
        try {
            writer = pool("genstore-sqlite-writer", writerSource(), 1, writerWait, false);
            HikariDataSource reader = pool("genstore-sqlite-reader", readOnlySource(), readers, writerWait, true);
            HikariDataSource openWriter = writer;
            WalCheckpointer checkpointer = WalCheckpointer.start(writerSource(), "genstore-sqlite-checkpoint " + file);
            Runnable onClose = () -> {
                checkpointer.close();
                reader.close();
                openWriter.close();
                if (lock != null) {
                    lock.close();
                }
            };
            return new Pools(writer, reader, onClose, lock != null ? lock.gate(writerWait) : WriteGate.NONE);
        } catch (RuntimeException e) {
            if (writer != null) {
                writer.close();
            }
            if (lock != null) {
                lock.close();
            }
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

    /**
     * Reads the schema once on a plain read-only connection, so a file that is not a database fails here with the
     * driver's message rather than inside the pool's start (which would also log it).
     */
    private void requireReadableDatabase() {
        try (Connection c = readOnlySource().getConnection(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT COUNT(*) FROM sqlite_schema")) {
            r.next();
        } catch (SQLException e) {
            throw new StorageException("cannot read the database " + file + ": " + e.getMessage(), false, e);
        }
    }

    /**
     * Transactions begin and end as statements kept prepared on connections left in autocommit: sqlite-jdbc's own way
     * ({@code setAutoCommit(false)}, {@code commit()}, {@code setAutoCommit(true)}) runs {@code BEGIN}, {@code COMMIT},
     * {@code BEGIN} and {@code COMMIT} again, each compiled anew. The writer's take the write lock at once
     * ({@code IMMEDIATE}), so a transaction never fails half-way upgrading a read lock (SQLITE_BUSY); a reader's start
     * its snapshot at the first read.
     */
    @Override
    protected String beginStatement(boolean writes) {
        return writes ? "BEGIN IMMEDIATE" : "BEGIN";
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
        return readOnlySource();
    }

    /** Connections opened with SQLITE_OPEN_READONLY: they create no file and change no byte of it. */
    private SQLiteDataSource readOnlySource() {
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
        // The background checkpointer copies the log back; the writer's own checkpoint stays as a backstop.
        config.setPragma(SQLiteConfig.Pragma.WAL_AUTOCHECKPOINT, String.valueOf(WalCheckpointer.BACKSTOP_PAGES));
        return source(config);
    }

    private SQLiteConfig baseConfig() {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        config.setCacheSize((int) -(pageCacheBytes / 1024)); // negative: KiB rather than pages
        config.setGetGeneratedKeys(false); // else sqlite-jdbc compiles and runs a SELECT last_insert_rowid() per INSERT
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
