package dev.genstore.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.errors.CommitOutcomeUnknownException;
import dev.genstore.errors.GenstoreException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NestedTransactionException;
import dev.genstore.errors.StorageException;
import dev.genstore.errors.StoreClosedException;
import dev.genstore.jdbc.internal.JdbcRepositories;
import dev.genstore.jdbc.internal.JdbcStorageOperations;
import dev.genstore.jdbc.internal.JobsQueued;
import dev.genstore.jdbc.internal.Migrations;
import dev.genstore.jdbc.internal.StatementReporter;
import dev.genstore.jdbc.internal.TransactionIds;
import dev.genstore.jdbc.internal.TransactionStatements;
import dev.genstore.spi.Repositories;
import dev.genstore.spi.StatementListener;
import dev.genstore.spi.Storage;
import dev.genstore.spi.StorageOperations;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL implementation of {@link Storage}: Flyway migrations on open, Jdbi repositories, transactions bound to the
 * calling thread. A backend module extends it with how to open its connections and its {@link Dialect}.
 *
 * <p>An outermost transaction that fails transiently (see {@link Dialect#isTransient}) is run again: after a conflict
 * up to {@value #MAX_ATTEMPTS} times in all with a short random backoff, while the database is unreachable (see
 * {@link Dialect#isUnreachable}) until the operation's deadline. A connection lost during {@code COMMIT} is settled by
 * asking the database whether the transaction committed (see {@link Dialect#transactionStatusSql()}).
 */
public abstract class JdbcStorage implements Storage {
    static final int MAX_ATTEMPTS = 8;
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    private final Dialect dialect;
    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private final StatementReporter statements = new StatementReporter();
    private volatile Pools pools;
    private volatile Jdbi writer;
    private volatile Jdbi reader;
    private volatile Duration operationDeadline = Duration.ofSeconds(30);
    private AutoCloseable queueListener;

    protected JdbcStorage(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Opens the backend's connections. Called once, before migrations.
     */
    protected abstract Pools openPools();

    /**
     * True for a storage opened to read only (a backend's read-only variant): {@link #open()} then migrates nothing
     * and refuses a schema that is not exactly this genstore's latest, and writes fail in the database.
     */
    protected boolean isReadOnly() {
        return false;
    }

    /** The data source Flyway migrates through; the writer pool unless a backend needs otherwise. */
    protected DataSource migrationDataSource(Pools opened) {
        return opened.writer();
    }

    /** The dialect of this storage. */
    public final Dialect dialect() {
        return dialect;
    }

    @Override
    public String name() {
        return dialect.name();
    }

    @Override
    public final synchronized void open() {
        if (pools != null) {
            throw new InvalidInputException("storage", "is already open (" + name() + "): a storage serves one store");
        }
        Pools opened = openPoolsOrFail();
        try {
            if (isReadOnly()) {
                Migrations.requireCurrent(opened.reader(), dialect);
            } else {
                Migrations.apply(migrationDataSource(opened), dialect);
            }
        } catch (RuntimeException e) {
            opened.onClose().run();
            throw cannotOpen(e);
        }
        this.writer = Jdbi.create(opened.writer()).setSqlLogger(statements);
        this.reader = opened.reader() == opened.writer() ? writer : Jdbi.create(opened.reader()).setSqlLogger(statements);
        this.pools = opened;
    }

    private Pools openPoolsOrFail() {
        try {
            return openPools();
        } catch (RuntimeException e) {
            throw cannotOpen(e);
        }
    }

    /**
     * A failure to open (the pool's first connection, Flyway) as the {@link StorageException} the API promises;
     * retryable when the database was unreachable.
     */
    private RuntimeException cannotOpen(RuntimeException e) {
        if (e instanceof GenstoreException) {
            return e;
        }
        return new StorageException(name() + " storage cannot be opened: " + e.getMessage(), unreachable(e), e);
    }

    /**
     * Reads the database's schema state without migrating it: the schema version genstore's migrations brought it to,
     * the newest this genstore knows, how many migrations are pending, whether a newer genstore migrated it, and the
     * rows per table. Opens this storage's connections for the call and closes them again (a SQLite file is created if
     * missing, as {@link #open()} would, so callers that must not create one check first). Writes no row and no
     * history, so it works on a database that {@link #open()} would refuse or migrate. Call it before {@link #open()}
     * or after {@link #close()}, not while the storage is open.
     *
     * @throws InvalidInputException (field {@code storage}) when the storage is open
     * @throws StorageException      when the database cannot be reached or read
     */
    public final synchronized SchemaStatus inspect() {
        if (pools != null) {
            throw new InvalidInputException("storage", "is open (" + name() + "): inspect it before opening or after closing");
        }
        Pools opened = openPoolsOrFail();
        try {
            return Migrations.status(opened.reader(), dialect);
        } catch (RuntimeException e) {
            throw translate(e);
        } finally {
            opened.onClose().run();
        }
    }

    @Override
    public void statementListener(StatementListener listener) {
        statements.listener(listener);
    }

    /** Starts the backend's listener (see {@link #openQueueListener}) once, while the storage is open. */
    @Override
    public synchronized void listenForQueuedJobs(Runnable onQueued) {
        if (pools != null && queueListener == null) {
            queueListener = openQueueListener(onQueued);
        }
    }

    /**
     * Called after a transaction that queued jobs committed, on the thread that committed it: tells the other stores on
     * the database (see {@link #openQueueListener}) that there is work, or does nothing (the default). Must return at
     * once: the caller's operation waits for it.
     */
    protected void jobsQueued() {
    }

    /**
     * Starts listening for jobs queued by other stores on the database, calling {@code onQueued} when some may have
     * been; returns what stops it on {@link #close()}. Null (the default) for a database that cannot tell: the waiting
     * claims poll.
     */
    protected AutoCloseable openQueueListener(Runnable onQueued) {
        return null;
    }

    @Override
    public synchronized void close() {
        if (queueListener != null) {
            try {
                queueListener.close();
            } catch (Exception e) {
                LOG.warn("the queue listener did not stop cleanly: {}", e.toString());
            }
            queueListener = null;
        }
        Pools open = pools;
        pools = null;
        if (open != null) {
            open.onClose().run();
        }
    }

    /** The dialect's {@link Housekeeping} on pooled connections: checks and sizes on a reader, maintenance on the writer. */
    @Override
    public StorageOperations operations() {
        Pools open = pools;
        if (open == null) {
            throw closed();
        }
        return new JdbcStorageOperations(checkDataSource(open), open.writer(), dialect);
    }

    /** The data source {@link #operations()} checks and measures through; the reader pool unless a backend needs otherwise. */
    protected DataSource checkDataSource(Pools opened) {
        return opened.reader();
    }

    private record Tx(Handle handle, JdbcRepositories repositories, boolean writes, Hooks hooks) {
    }

    /**
     * What runs when an outermost transaction ends. Commit actions belong to one attempt (a retried attempt's are
     * dropped: the retry registers its own); rollback actions of every attempt run when the transaction finally fails.
     */
    private static final class Hooks {
        final List<Runnable> onCommit = new ArrayList<>();
        final List<Runnable> onRollback = new ArrayList<>();
    }

    @Override
    public void afterCommit(Runnable action) {
        if (action == null) {
            throw new InvalidInputException("action", "must not be null");
        }
        Tx tx = current.get();
        if (tx == null) {
            runQuietly(List.of(action), "after-commit");
        } else {
            tx.hooks().onCommit.add(action);
        }
    }

    @Override
    public void afterRollback(Runnable action) {
        if (action == null) {
            throw new InvalidInputException("action", "must not be null");
        }
        Tx tx = current.get();
        if (tx != null) {
            tx.hooks().onRollback.add(action);
        }
    }

    private static void runQuietly(List<Runnable> actions, String what) {
        for (Runnable action : actions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("an {} action failed: {}", what, e.toString(), e);
            }
        }
    }

    @Override
    public void operationDeadline(Duration deadline) {
        if (deadline == null || deadline.isNegative() || deadline.isZero()) {
            throw new InvalidInputException("operationDeadline", "must be positive, was " + deadline);
        }
        this.operationDeadline = deadline;
    }

    /** How long one operation may take, retries included; a backend bounds its pool's wait for a connection by it. */
    protected final Duration operationDeadline() {
        return operationDeadline;
    }

    @Override
    public <T> T read(Function<Repositories, T> work) {
        Tx tx = current.get();
        if (tx != null) {
            return work.apply(tx.repositories());
        }
        return attempts(jdbi(reader), false, true, work);
    }

    /** One statement on a reader connection in autocommit: no {@code BEGIN}, no {@code COMMIT}. */
    @Override
    public <T> T readOneStatement(Function<Repositories, T> work) {
        Tx tx = current.get();
        if (tx != null) {
            return work.apply(tx.repositories());
        }
        return attempts(jdbi(reader), false, false, work);
    }

    @Override
    public boolean callerInTransaction() {
        return current.get() != null;
    }

    @Override
    public <T> T write(Function<Repositories, T> work) {
        Tx tx = current.get();
        if (tx != null) {
            if (!tx.writes()) {
                throw new NestedTransactionException("a write cannot join a read-only transaction");
            }
            return work.apply(tx.repositories());
        }
        return attempts(jdbi(writer), true, true, work);
    }

    /**
     * Runs an outermost transaction, again after a transient failure: a conflict up to {@value #MAX_ATTEMPTS} times in
     * all, an unreachable database until the operation's deadline, past which the caller gets a retryable
     * {@link StorageException} saying so. A connection lost during {@code COMMIT} is settled by asking the database
     * whether the commit took effect (never by running the work again blindly): committed returns the result, aborted
     * runs it again, no answer before the deadline throws {@link CommitOutcomeUnknownException}.
     */
    private <T> T attempts(Jdbi jdbi, boolean writes, boolean transactional, Function<Repositories, T> work) {
        long deadline = System.nanoTime() + operationDeadline.toNanos();
        Hooks hooks = new Hooks();
        for (int attempt = 1; ; attempt++) {
            T result;
            try {
                hooks.onCommit.clear();
                result = run(jdbi, writes, transactional, work, hooks, deadline);
            } catch (LostCommit lost) {
                if (!committed(lost, deadline)) {
                    continue; // the database rolled it back: running it again is safe
                }
                @SuppressWarnings("unchecked")
                T committed = (T) lost.result;
                result = committed;
            } catch (StorageException e) {
                boolean unreachable = unreachable(e);
                if (!e.retryable() || !unreachable && attempt >= MAX_ATTEMPTS) {
                    runQuietly(hooks.onRollback, "after-rollback");
                    throw e;
                }
                long pause = backoffMillis(attempt, unreachable);
                if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) - deadline > 0) {
                    runQuietly(hooks.onRollback, "after-rollback");
                    throw unreachable ? new StorageException(name() + " database unreachable: gave up after "
                            + operationDeadline + " (" + attempt + " attempts); " + e.getMessage(), true, e) : e;
                }
                pause(pause);
                continue;
            } catch (Throwable e) { // sneakily thrown checked exceptions too; rethrown as they are
                runQuietly(hooks.onRollback, "after-rollback");
                throw e;
            }
            runQuietly(hooks.onCommit, "after-commit");
            return result;
        }
    }

    /**
     * Asks the database, on another connection, whether the transaction whose {@code COMMIT} lost its connection
     * committed; while it cannot be reached (or has not finished with the lost session) asks again until the deadline.
     */
    private boolean committed(LostCommit lost, long deadline) {
        RuntimeException lastFailure = lost;
        for (int check = 1; ; check++) {
            try {
                String status = jdbi(writer).withHandle(h -> h.createQuery(dialect.transactionStatusSql())
                        .bind(0, lost.transactionId).mapTo(String.class).findOne().orElse(null));
                if ("committed".equals(status)) {
                    return true;
                }
                if ("aborted".equals(status)) {
                    return false;
                }
                if (status == null) {
                    throw outcomeUnknown(lost, "the database no longer knows the transaction");
                }
            } catch (CommitOutcomeUnknownException e) {
                throw e;
            } catch (RuntimeException e) {
                if (!unreachable(e)) {
                    throw outcomeUnknown(lost, "asking the database failed: " + e.getMessage());
                }
                lastFailure = e;
            }
            long pause = backoffMillis(check, true);
            if (System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) - deadline > 0) {
                throw outcomeUnknown(lost, "the database could not be asked within " + operationDeadline + " ("
                        + lastFailure.getMessage() + ")");
            }
            pause(pause);
        }
    }

    private CommitOutcomeUnknownException outcomeUnknown(LostCommit lost, String why) {
        return new CommitOutcomeUnknownException(name() + " storage lost its connection while committing, and whether"
                + " the commit took effect is unknown (" + why + "): the operation may or may not have happened",
                lost.getCause());
    }

    /** The connection failed during {@code COMMIT} of a transaction the database can be asked about later. */
    private static final class LostCommit extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient String transactionId;
        private final transient Object result;

        LostCommit(String transactionId, Object result, RuntimeException cause) {
            super("connection lost during COMMIT", cause, false, false);
            this.transactionId = transactionId;
            this.result = result;
        }
    }

    private boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && dialect.isUnreachable(sql)) {
                return true;
            }
        }
        return false;
    }

    private StoreClosedException closed() {
        return new StoreClosedException(name() + " storage is not open (or was closed)");
    }

    private Jdbi jdbi(Jdbi jdbi) {
        if (jdbi == null || pools == null) {
            throw closed();
        }
        return jdbi;
    }

    /**
     * One attempt. A write first waits for its turn at the backend's {@link WriteGate} (SQLite: the lock other processes
     * writing the same file queue on), until the operation's deadline, and keeps it until its connection is back in the
     * pool.
     */
    private <T> T run(Jdbi jdbi, boolean writes, boolean transactional, Function<Repositories, T> work, Hooks hooks,
            long deadline) {
        if (!writes) {
            return runOnConnection(jdbi, false, transactional, work, hooks);
        }
        try (WriteGate.Turn turn = writeGate().enter(deadline)) {
            return runOnConnection(jdbi, true, transactional, work, hooks);
        }
    }

    private WriteGate writeGate() {
        Pools open = pools;
        if (open == null) {
            throw closed();
        }
        return open.writeGate();
    }

    /** One attempt on a connection; {@code transactional} false runs {@code work} (a single statement) in autocommit. */
    private <T> T runOnConnection(Jdbi jdbi, boolean writes, boolean transactional, Function<Repositories, T> work,
            Hooks hooks) {
        Handle handle;
        try {
            handle = jdbi.open();
        } catch (RuntimeException e) {
            throw translate(e);
        }
        String begin = transactional ? beginStatement(writes) : null;
        boolean open = false;
        try {
            if (transactional) {
                begin(handle, begin, writes);
                open = true;
            }
            Tx tx = new Tx(handle, new JdbcRepositories(handle, dialect), writes, hooks);
            current.set(tx);
            T result;
            try {
                result = work.apply(tx.repositories());
            } finally {
                current.remove();
            }
            if (transactional) {
                commit(handle, begin != null, writes, result);
                open = false;
            }
            if (writes && JobsQueued.marked(handle)) {
                hooks.onCommit.add(this::jobsQueued);
            }
            return result;
        } catch (Throwable e) {
            // Errors and (sneakily thrown) checked exceptions roll back too, and reach the caller as themselves.
            if (begin == null) {
                rollbackQuietly(handle, e);
            } else if (open) {
                rollbackStatement(handle, writes, e);
            }
            if (e instanceof LostCommit lost) {
                throw lost;
            }
            if (e instanceof RuntimeException runtime) {
                throw translate(runtime);
            }
            throw e;
        } finally {
            handle.close();
        }
    }

    /**
     * The statement that starts a transaction on a connection left in autocommit ({@code COMMIT} and {@code ROLLBACK}
     * end it), or {@code null} (the default) to let the driver start and end transactions through
     * {@link Connection#setAutoCommit(boolean)}. For drivers whose own way costs more statements than the SQL (see
     * SQLite's).
     *
     * @param writes whether the transaction is the writer's
     */
    protected String beginStatement(boolean writes) {
        return null;
    }

    /**
     * Commits; where the database can lose a commit's answer, first learns the transaction's id, so that a connection
     * lost during {@code COMMIT} becomes a {@link LostCommit} the caller can settle by asking.
     */
    private void commit(Handle handle, boolean byStatement, boolean writes, Object result) {
        String transactionId = null;
        if (writes && dialect.transactionIdSql() != null) {
            transactionId = TransactionIds.known(handle);
            if (transactionId == null) {
                transactionId = handle.createQuery(dialect.transactionIdSql()).mapTo(String.class).one();
            }
        }
        try {
            if (byStatement) {
                TransactionStatements.run(handle, "COMMIT");
            } else {
                handle.commit();
            }
        } catch (RuntimeException e) {
            if (transactionId != null && unreachable(e)) {
                throw new LostCommit(transactionId, result, e);
            }
            throw e;
        }
    }

    private void begin(Handle handle, String statement, boolean writes) {
        if (statement != null) {
            TransactionStatements.run(handle, statement); // a failed BEGIN leaves the connection in autocommit
            return;
        }
        try {
            handle.begin();
        } catch (RuntimeException e) {
            // sqlite-jdbc: a connection whose BEGIN failed (SQLITE_BUSY) still believes it is in a transaction.
            evict(handle.getConnection(), writes);
            throw e;
        }
    }

    /**
     * Ends a transaction begun by statement. SQLite may have rolled it back itself already (after some errors), when
     * {@code ROLLBACK} fails; whatever the reason it failed, the connection leaves the pool, so that no later borrower
     * can find a transaction still open on it.
     */
    private void rollbackStatement(Handle handle, boolean writes, Throwable cause) {
        try {
            TransactionStatements.run(handle, "ROLLBACK");
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
            evict(handle.getConnection(), writes);
        }
    }

    private void evict(Connection connection, boolean writes) {
        Pools open = pools;
        if (open != null && (writes ? open.writer() : open.reader()) instanceof HikariDataSource hikari) {
            hikari.evictConnection(connection);
        }
    }

    private static void rollbackQuietly(Handle handle, Throwable cause) {
        try {
            if (handle.isInTransaction()) {
                handle.rollback();
            }
        } catch (RuntimeException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private RuntimeException translate(RuntimeException e) {
        if (e instanceof GenstoreException) {
            return e;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                boolean retryable = dialect.isTransient(sql);
                return new StorageException(name() + " storage failed" + (retryable ? " (transient)" : "") + ": "
                        + sql.getMessage(), retryable, e);
            }
        }
        return e;
    }

    /** A short random pause after a conflict; a longer one, growing to a second, while the database is unreachable. */
    private static long backoffMillis(int attempt, boolean unreachable) {
        long maxMillis = unreachable ? Math.min(1000, 25L << Math.min(attempt, 6)) : Math.min(50, 1L << attempt);
        return ThreadLocalRandom.current().nextLong(1, maxMillis + 1);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while retrying a transaction", false, interrupted);
        }
    }
}
