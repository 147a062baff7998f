package dev.genstore.ops;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NestedTransactionException;
import dev.genstore.errors.StorageException;
import dev.genstore.errors.StoreClosedException;
import java.util.Optional;

/**
 * A store's housekeeping ({@code genstore.housekeeping()}): the tasks of its {@link HousekeepingPolicy}, run on a
 * schedule by one thread of the store when the policy is on, and on demand with {@link #runNow}. A task never runs
 * twice at once: not in two threads of one store, and on PostgreSQL not in two stores on one database (schema), which
 * take a PostgreSQL advisory lock per task; an attempt that finds the task running elsewhere does nothing and says so.
 * On SQLite and memory, which one process owns, the exclusion is within the store.
 */
public interface Housekeeper {

    /**
     * Runs {@code task} now on the calling thread (outside any transaction), whatever the schedule, and returns what it
     * did; {@link HousekeepingRun#ran()} is false when the task was running elsewhere.
     *
     * @throws InvalidInputException      when {@code task} is null
     * @throws NestedTransactionException when called inside {@code genstore.transaction(...)}
     * @throws StoreClosedException       when the store is closed
     * @throws StorageException           when the task's work fails
     */
    HousekeepingRun runNow(HousekeepingTask task);

    /** True when tasks run on a schedule: the policy is on and the store is open. */
    boolean scheduled();

    /** The last attempt of {@code task} in this store (scheduled or on demand) that did not throw, if any. */
    Optional<HousekeepingRun> lastRun(HousekeepingTask task);

    /** The policy this store was built with. */
    HousekeepingPolicy policy();
}
