package dev.genstore.ops;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which housekeeping tasks a store runs by itself, and how often. Immutable: every method returns a new policy.
 *
 * <pre>{@code
 * Genstore store = Genstore.builder().storage(storage)
 *         .housekeeping(HousekeepingPolicy.defaults()                       // purge 5 min, leases 1 min, maintenance 24 h
 *                 .every(HousekeepingTask.MAINTENANCE, Duration.ofHours(6)))
 *         .build();
 * }</pre>
 *
 * <p>{@link #OFF} is the builder's default: the application runs {@code genstore.operations()} itself. A task runs
 * first one interval after the store opens, then with the interval between the end of one run and the start of the
 * next (runs never pile up behind a slow one).
 */
public final class HousekeepingPolicy {
    /** Purge every 5 minutes by default. */
    public static final Duration DEFAULT_PURGE_INTERVAL = Duration.ofMinutes(5);
    /** Recover expired leases every minute by default. */
    public static final Duration DEFAULT_LEASE_RECOVERY_INTERVAL = Duration.ofMinutes(1);
    /** Maintain the database once a day by default. */
    public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofHours(24);

    /** No task runs by itself (the default of {@code Genstore.builder()}); {@link Housekeeper#runNow} still works. */
    public static final HousekeepingPolicy OFF = new HousekeepingPolicy(new EnumMap<>(HousekeepingTask.class),
            PurgeRequest.everything(), HousekeepingListener.none());

    private final Map<HousekeepingTask, Duration> intervals;
    private final PurgeRequest purgeRequest;
    private final HousekeepingListener listener;

    private HousekeepingPolicy(Map<HousekeepingTask, Duration> intervals, PurgeRequest purgeRequest,
                               HousekeepingListener listener) {
        EnumMap<HousekeepingTask, Duration> copy = new EnumMap<>(HousekeepingTask.class);
        copy.putAll(intervals);
        this.intervals = Collections.unmodifiableMap(copy);
        this.purgeRequest = purgeRequest;
        this.listener = listener;
    }

    /**
     * Every task at its default interval ({@link #DEFAULT_PURGE_INTERVAL}, {@link #DEFAULT_LEASE_RECOVERY_INTERVAL},
     * {@link #DEFAULT_MAINTENANCE_INTERVAL}), purging {@link PurgeRequest#everything()}.
     */
    public static HousekeepingPolicy defaults() {
        return OFF.every(HousekeepingTask.PURGE, DEFAULT_PURGE_INTERVAL)
                .every(HousekeepingTask.LEASE_RECOVERY, DEFAULT_LEASE_RECOVERY_INTERVAL)
                .every(HousekeepingTask.MAINTENANCE, DEFAULT_MAINTENANCE_INTERVAL);
    }

    /**
     * This policy, running {@code task} every {@code interval}.
     *
     * @throws InvalidInputException when {@code task} is null, or {@code interval} is null or under one second
     */
    public HousekeepingPolicy every(HousekeepingTask task, Duration interval) {
        requireTask(task);
        if (interval == null || interval.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new InvalidInputException("interval", "must be at least one second, was " + interval);
        }
        Map<HousekeepingTask, Duration> next = new EnumMap<>(HousekeepingTask.class);
        next.putAll(intervals);
        next.put(task, interval);
        return new HousekeepingPolicy(next, purgeRequest, listener);
    }

    /**
     * This policy, not running {@code task} by itself.
     *
     * @throws InvalidInputException when {@code task} is null
     */
    public HousekeepingPolicy without(HousekeepingTask task) {
        requireTask(task);
        Map<HousekeepingTask, Duration> next = new EnumMap<>(HousekeepingTask.class);
        next.putAll(intervals);
        next.remove(task);
        return new HousekeepingPolicy(next, purgeRequest, listener);
    }

    /**
     * This policy, with {@link HousekeepingTask#PURGE} removing what {@code request} names ({@link PurgeRequest#everything()}
     * by default; add {@code archivedJobsOlderThan(...)} to drop old archived jobs as well).
     *
     * @throws InvalidInputException when {@code request} is null or a dry run
     */
    public HousekeepingPolicy purgeRequest(PurgeRequest request) {
        if (request == null || request.dryRun()) {
            throw new InvalidInputException("purgeRequest", "must be a real run, not null or a dry run");
        }
        return new HousekeepingPolicy(intervals, request, listener);
    }

    /**
     * This policy, telling {@code listener} about each run.
     *
     * @throws InvalidInputException when {@code listener} is null
     */
    public HousekeepingPolicy listener(HousekeepingListener listener) {
        if (listener == null) {
            throw new InvalidInputException("listener", "must not be null");
        }
        return new HousekeepingPolicy(intervals, purgeRequest, listener);
    }

    /** How often {@code task} runs by itself; empty when it does not. */
    public Optional<Duration> interval(HousekeepingTask task) {
        return Optional.ofNullable(intervals.get(task));
    }

    /** True when at least one task runs by itself. */
    public boolean enabled() {
        return !intervals.isEmpty();
    }

    /** What {@link HousekeepingTask#PURGE} removes. */
    public PurgeRequest purgeRequest() {
        return purgeRequest;
    }

    /** Who is told about each run. */
    public HousekeepingListener listener() {
        return listener;
    }

    private static void requireTask(HousekeepingTask task) {
        if (task == null) {
            throw new InvalidInputException("task", "must not be null");
        }
    }

    @Override
    public String toString() {
        return "HousekeepingPolicy" + intervals + "[purge=" + purgeRequest + "]";
    }
}
