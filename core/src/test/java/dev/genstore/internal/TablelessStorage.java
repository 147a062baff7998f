package dev.genstore.internal;

import dev.genstore.errors.StorageException;
import dev.genstore.spi.Repositories;
import dev.genstore.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@link Storage} with the SPI's transactions and hooks but no tables, for helpers that use only the hooks (core
 * cannot depend on a backend: they depend on core). It keeps the documented semantics: a write joins the calling
 * thread's transaction; a throw (an {@link Error} too) rolls the outermost one back; a transient failure runs the work
 * again, dropping that attempt's commit actions and keeping its rollback actions, which all run at the final rollback;
 * commit actions run after the commit; outside a transaction {@code afterCommit} runs at once and
 * {@code afterRollback} does nothing. The work receives no repositories ({@code null}).
 */
final class TablelessStorage implements Storage {
    private static final class Tx {
        final List<Runnable> onCommit = new ArrayList<>();
        final List<Runnable> onRollback;

        Tx(List<Runnable> onRollback) {
            this.onRollback = onRollback;
        }
    }

    private final ThreadLocal<Tx> current = new ThreadLocal<>();
    private int transientFailures;
    private RuntimeException refuseNext;
    private int attempts;

    /** The next outermost transaction fails transiently after its work {@code times} times, then runs normally. */
    TablelessStorage failTransiently(int times) {
        this.transientFailures = times;
        return this;
    }

    /** The next outermost write fails with {@code failure} before it begins (an unreachable database, say). */
    TablelessStorage refuseNextWrite(RuntimeException failure) {
        this.refuseNext = failure;
        return this;
    }

    /** How many times outermost work has been run. */
    int attempts() {
        return attempts;
    }

    @Override
    public String name() {
        return "tableless";
    }

    @Override
    public void open() {
    }

    @Override
    public <T> T read(Function<Repositories, T> work) {
        return write(work);
    }

    @Override
    public <T> T write(Function<Repositories, T> work) {
        if (current.get() != null) {
            return work.apply(null);
        }
        if (refuseNext != null) {
            RuntimeException failure = refuseNext;
            refuseNext = null;
            throw failure;
        }
        List<Runnable> onRollback = new ArrayList<>();
        while (true) {
            Tx tx = new Tx(onRollback);
            current.set(tx);
            T result;
            try {
                attempts++;
                result = work.apply(null);
                if (transientFailures > 0) {
                    transientFailures--;
                    throw new StorageException("transient failure for a test", true, null);
                }
            } catch (StorageException e) {
                if (e.retryable()) {
                    continue;
                }
                onRollback.forEach(Runnable::run);
                throw e;
            } catch (RuntimeException | Error e) {
                onRollback.forEach(Runnable::run);
                throw e;
            } finally {
                current.remove();
            }
            tx.onCommit.forEach(Runnable::run);
            return result;
        }
    }

    @Override
    public void afterCommit(Runnable action) {
        Tx tx = current.get();
        if (tx == null) {
            action.run();
        } else {
            tx.onCommit.add(action);
        }
    }

    @Override
    public void afterRollback(Runnable action) {
        Tx tx = current.get();
        if (tx != null) {
            tx.onRollback.add(action);
        }
    }

    @Override
    public void close() {
    }
}
