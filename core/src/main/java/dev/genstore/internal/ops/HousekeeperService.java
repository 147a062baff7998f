package dev.genstore.internal.ops;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NestedTransactionException;
import dev.genstore.errors.StoreClosedException;
import dev.genstore.internal.ServiceContext;
import dev.genstore.jobs.JobQueue;
import dev.genstore.ops.Housekeeper;
import dev.genstore.ops.HousekeepingListener;
import dev.genstore.ops.HousekeepingPolicy;
import dev.genstore.ops.HousekeepingRun;
import dev.genstore.ops.HousekeepingTask;
import dev.genstore.ops.Operations;
import dev.genstore.ops.PurgeReport;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the housekeeping tasks on one daemon thread of the JDK's scheduled executor (fixed delay, so a slow run never
 * piles up), and on demand. A task is guarded twice: a lock per task within this store, then the storage's
 * {@code exclusively} across stores on one database (an advisory lock on PostgreSQL).
 */
public final class HousekeeperService implements Housekeeper, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HousekeeperService.class);

    private final ServiceContext context;
    private final HousekeepingPolicy policy;
    private final Operations operations;
    private final JobQueue queue;
    private final Map<HousekeepingTask, Semaphore> locks = new EnumMap<>(HousekeepingTask.class);
    private final Map<HousekeepingTask, HousekeepingRun> lastRuns = new EnumMap<>(HousekeepingTask.class);
    private final ScheduledExecutorService scheduler;
    private volatile boolean closed;

    public HousekeeperService(ServiceContext context, HousekeepingPolicy policy, Operations operations, JobQueue queue) {
        this.context = context;
        this.policy = policy;
        this.operations = operations;
        this.queue = queue;
        for (HousekeepingTask task : HousekeepingTask.values()) {
            locks.put(task, new Semaphore(1)); // not reentrant: a listener's nested runNow is refused too
        }
        this.scheduler = policy.enabled() ? startScheduler() : null;
    }

    private ScheduledExecutorService startScheduler() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "genstore-housekeeping");
            thread.setDaemon(true); // never keeps an application alive that forgot to close its store
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        for (HousekeepingTask task : HousekeepingTask.values()) {
            policy.interval(task).ifPresent(interval -> executor.scheduleWithFixedDelay(() -> runScheduled(task),
                    interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
        }
        return executor;
    }

    /** A scheduled run: a failure is logged and told to the listener, and the task runs again at its next time. */
    private void runScheduled(HousekeepingTask task) {
        if (closed) {
            return;
        }
        try {
            HousekeepingRun run = runNow(task);
            if (run.ran()) {
                LOG.debug("housekeeping {}: {}", name(task), run.summary());
            }
        } catch (RuntimeException e) {
            LOG.warn("housekeeping {} failed; it runs again in {}", name(task), policy.interval(task).orElseThrow(), e);
        }
    }

    @Override
    public HousekeepingRun runNow(HousekeepingTask task) {
        if (task == null) {
            throw new InvalidInputException("task", "must not be null");
        }
        if (closed) {
            throw new StoreClosedException("the store is closed");
        }
        boolean[] outside = {false};
        context.storage().afterCommit(() -> outside[0] = true); // runs at once exactly when no transaction is open
        if (!outside[0]) {
            throw new NestedTransactionException("housekeeping runs its own transactions: call it outside genstore.transaction(...)");
        }
        Instant startedAt = context.clock().instant();
        Semaphore lock = locks.get(task);
        HousekeepingRun run;
        if (!lock.tryAcquire()) {
            run = skipped(task, startedAt);
        } else {
            try {
                long start = System.nanoTime();
                Optional<String> summary = context.storage().operations().exclusively(
                        "genstore.housekeeping." + name(task), () -> work(task));
                run = summary.map(s -> new HousekeepingRun(task, true, startedAt, Duration.ofNanos(System.nanoTime() - start), s))
                        .orElseGet(() -> skipped(task, startedAt));
            } catch (RuntimeException e) {
                tell(() -> policy.listener().failed(task, e));
                throw e;
            } finally {
                lock.release();
            }
        }
        synchronized (lastRuns) {
            lastRuns.put(task, run);
        }
        HousekeepingRun finished = run;
        tell(() -> policy.listener().finished(finished));
        return run;
    }

    /** The task's work, under both locks. */
    private String work(HousekeepingTask task) {
        HousekeepingListener listener = policy.listener();
        tell(() -> listener.started(task));
        switch (task) {
            case PURGE -> {
                PurgeReport report = operations.purge(policy.purgeRequest());
                return "removed " + report.removed();
            }
            case LEASE_RECOVERY -> {
                return "recovered " + queue.recoverExpiredLeases() + " job(s) whose lease expired";
            }
            case MAINTENANCE -> {
                return String.join("; ", operations.maintain().steps());
            }
            default -> throw new IllegalArgumentException("unknown task " + task);
        }
    }

    private static HousekeepingRun skipped(HousekeepingTask task, Instant startedAt) {
        return new HousekeepingRun(task, false, startedAt, Duration.ZERO, "running elsewhere: skipped");
    }

    /** A listener must not break housekeeping: what it throws is logged. */
    private static void tell(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            LOG.warn("a housekeeping listener threw", e);
        }
    }

    private static String name(HousekeepingTask task) {
        return task.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @Override
    public boolean scheduled() {
        return scheduler != null && !closed;
    }

    @Override
    public Optional<HousekeepingRun> lastRun(HousekeepingTask task) {
        synchronized (lastRuns) {
            return Optional.ofNullable(lastRuns.get(task));
        }
    }

    @Override
    public HousekeepingPolicy policy() {
        return policy;
    }

    /** Stops the schedule and waits (up to 30 s) for a run under way, so the storage is not closed beneath it. */
    @Override
    public void close() {
        closed = true;
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                    scheduler.shutdownNow();
                }
            } catch (InterruptedException e) {
                scheduler.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
