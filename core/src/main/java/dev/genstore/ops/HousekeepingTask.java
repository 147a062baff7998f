package dev.genstore.ops;

/** The periodic tasks of a store's housekeeping (see {@link HousekeepingPolicy}). */
public enum HousekeepingTask {
    /** {@link Operations#purge} with the policy's {@link PurgeRequest}: expired codes, holds, reservations, cache entries. */
    PURGE,
    /** {@code JobQueue.recoverExpiredLeases()}: jobs whose worker vanished go back to the queue, or fail on their last attempt. */
    LEASE_RECOVERY,
    /** {@link Operations#maintain()}: the database's own maintenance. */
    MAINTENANCE
}
