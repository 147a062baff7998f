package dev.genstore.sqlite.internal;

import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.WriteGate;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The write lock that processes sharing one SQLite file queue on: an OS lock ({@code fcntl}, through
 * {@link FileChannel#lock()}) on a sidecar file, taken around every write transaction. Without it, a writer that finds
 * the database locked sleeps in SQLite's busy handler and polls, so whoever holds the lock tends to get it again and a
 * waiting process may get almost no turns; with it, waiters sleep in the kernel and are woken when the holder lets go.
 *
 * <p>File locks belong to the whole JVM (a second lock on the same file from this JVM fails with
 * {@link OverlappingFileLockException}, and closing any channel on the file drops all of the process's locks on it),
 * so there is one instance per file per JVM, shared by every store on that file, and the threads of this JVM first
 * queue on a fair in-process lock: only the thread at its head waits for the file.
 *
 * <p>A process that dies holding the lock (even {@code kill -9}) loses it with its file descriptors: the kernel
 * releases it. The lock is advisory: a process that does not take it (an older genstore, the {@code sqlite3} shell)
 * still writes safely, ordered by SQLite's own locks and busy handler as before.
 */
public final class ProcessWriteLock implements AutoCloseable {
    private static final Map<Path, ProcessWriteLock> OPEN = new HashMap<>();
    /** Ends kernel waits that reach their deadline (by closing the channel: a blocked lock() cannot be timed). */
    private static final ScheduledThreadPoolExecutor ALARMS = alarms();

    private final Path file;
    private final ReentrantLock inProcess = new ReentrantLock(true);
    private int users; // guarded by OPEN
    private volatile FileChannel channel; // used by the holder of inProcess only (and closed by close or an alarm)
    private FileLock held;

    private ProcessWriteLock(Path file) {
        this.file = file;
    }

    /**
     * The lock on {@code lockFile}, created if missing; every call must be matched by one {@link #close()}.
     *
     * @throws StorageException when the file cannot be created or opened
     */
    public static ProcessWriteLock open(Path lockFile) {
        Path key;
        try {
            if (!Files.exists(lockFile)) {
                createQuietly(lockFile);
            }
            key = lockFile.toRealPath();
        } catch (IOException e) {
            throw new StorageException("cannot create the write lock file " + lockFile + ": " + e, false, e);
        }
        synchronized (OPEN) {
            ProcessWriteLock lock = OPEN.computeIfAbsent(key, ProcessWriteLock::new);
            lock.users++;
            return lock;
        }
    }

    /**
     * Creates the file without opening an existing one: closing any descriptor of a file drops every POSIX lock this
     * process holds on it, so only the one shared channel may ever open it.
     */
    private static void createQuietly(Path lockFile) throws IOException {
        try {
            Files.createFile(lockFile);
        } catch (FileAlreadyExistsException raced) {
            // another store or process made it first
        }
    }

    /**
     * A gate whose writers wait for other threads of this JVM at most {@code localWait} (and at most until the
     * operation's deadline), then for other processes until the deadline.
     */
    public WriteGate gate(Duration localWait) {
        long localWaitNanos = localWait.toNanos();
        return deadlineNanos -> enter(deadlineNanos, localWaitNanos);
    }

    private WriteGate.Turn enter(long deadlineNanos, long localWaitNanos) {
        long start = System.nanoTime();
        long wait = Math.min(deadlineNanos - start, localWaitNanos);
        try {
            if (!inProcess.tryLock(Math.max(0, wait), TimeUnit.NANOSECONDS)) {
                throw timedOut(start, "other writes of this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting to write " + file, false, e);
        }
        if (inProcess.getHoldCount() > 1) {
            return inProcess::unlock; // a store on the same file inside this thread's write: the file lock is ours
        }
        try {
            held = lockFile(start, deadlineNanos);
        } catch (RuntimeException | Error e) {
            inProcess.unlock();
            throw e;
        }
        return this::leave;
    }

    private void leave() {
        try {
            FileLock lock = held;
            held = null;
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException e) {
            // Closing the channel drops the lock for certain; the next writer opens a new one.
            closeChannel();
        } finally {
            inProcess.unlock();
        }
    }

    private FileLock lockFile(long start, long deadlineNanos) {
        try {
            FileLock lock = channel().tryLock();
            return lock != null ? lock : waitForOtherProcesses(start, deadlineNanos);
        } catch (OverlappingFileLockException e) {
            throw new StorageException("the write lock file " + file + " is locked by other code in this JVM", false, e);
        } catch (IOException e) {
            closeChannel();
            if (Thread.currentThread().isInterrupted()) {
                throw new StorageException("interrupted while waiting to write " + file, false, e);
            }
            throw new StorageException("cannot lock the write lock file " + file + ": " + e, false, e);
        }
    }

    /** Blocks in the kernel until the other processes let go, or the alarm ends the wait at the deadline. */
    private FileLock waitForOtherProcesses(long start, long deadlineNanos) throws IOException {
        FileChannel waitingOn = channel;
        Wait wait = new Wait(waitingOn);
        ScheduledFuture<?> alarm = ALARMS.schedule(wait::expire, Math.max(0, deadlineNanos - System.nanoTime()),
                TimeUnit.NANOSECONDS);
        FileLock lock = null;
        IOException failure = null;
        try {
            lock = waitingOn.lock();
        } catch (IOException e) {
            failure = e;
        } finally {
            alarm.cancel(false);
        }
        if (wait.finish()) { // the alarm closed the channel, which dropped any lock it got
            channel = null;
            throw timedOut(start, "other processes' writes");
        }
        if (failure != null) {
            throw failure;
        }
        return lock;
    }

    private StorageException timedOut(long start, String what) {
        return new StorageException("waited " + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms for "
                + what + " to " + file.getFileName() + " and gave up at the operation's deadline; retry later", true,
                null);
    }

    private FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        }
        return channel;
    }

    private void closeChannel() {
        FileChannel open = channel;
        channel = null;
        closeQuietly(open);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do: a channel that fails to close has released its locks or the process exits soon
            }
        }
    }

    /** Lets go of this store's share; the last store on the file closes it (which drops the lock if held). */
    @Override
    public void close() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(file);
        }
        closeQuietly(channel);
    }

    /** One kernel wait and its alarm: exactly one of them decides whether it timed out. */
    private static final class Wait {
        private final FileChannel channel;
        private boolean finished;
        private boolean expired;

        Wait(FileChannel channel) {
            this.channel = channel;
        }

        synchronized void expire() {
            if (!finished) {
                expired = true;
                closeQuietly(channel); // wakes the blocked lock() with AsynchronousCloseException
            }
        }

        synchronized boolean finish() {
            finished = true;
            return expired;
        }
    }

    private static ScheduledThreadPoolExecutor alarms() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "genstore-sqlite-write-lock-alarm");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
