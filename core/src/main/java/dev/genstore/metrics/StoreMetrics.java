package dev.genstore.metrics;

/**
 * Where a store reports what it does, for monitoring. Set it with {@code Genstore.builder().metrics(...)}; the default
 * is {@link #none()}. {@link MicrometerMetrics} records everything in a Micrometer registry; an application may
 * implement this interface to send the events elsewhere (every method has an empty default).
 *
 * <p>Guarantees: events are reported on the thread that caused them. Facts of a write (a debit, a claim, a spend, an
 * eviction) are reported once, after the transaction commits, so a rolled-back or retried transaction reports nothing
 * twice; refusals and cache lookups are reported when they happen. No event carries a user's data: no email, code,
 * prompt, id or amount other than token counts and money.
 *
 * <p>Implementations must be thread-safe, fast and must not throw: they run on the store's hot paths.
 */
public interface StoreMetrics {

    /** A sink that ignores every event: the default, and free. */
    static StoreMetrics none() {
        return NoMetrics.INSTANCE;
    }

    /**
     * A public operation finished.
     *
     * @param service   the service, as the store names its accessor: {@code ledger}, {@code jobs}, {@code queue}, …, or
     *                  {@code genstore} for {@code transaction}
     * @param operation the method, e.g. {@code debit}
     * @param failure   the class of the exception it threw, or {@code null} when it returned
     * @param nanos     how long it took
     */
    default void operation(String service, String operation, Class<? extends Throwable> failure, long nanos) {
    }

    /** A job was submitted to {@code provider}'s queue (not counted again for an idempotent resubmission). */
    default void jobSubmitted(String provider) {
    }

    /** {@code count} jobs of {@code provider} were claimed by a worker (expired leases taken over included). */
    default void jobsClaimed(String provider, int count) {
    }

    /** A job of {@code provider} whose lease expired was taken back by a claim (re-queued, or failed on its last attempt). */
    default void leaseExpired(String provider) {
    }

    /**
     * Tokens left an account: {@code kind} is {@code debit} (a direct debit) or {@code capture} (a captured hold). An
     * idempotent repeat of an earlier debit is not reported.
     */
    default void ledgerDebited(String kind, long tokens) {
    }

    /** A debit or hold was refused for lack of available tokens: {@code kind} is {@code debit} or {@code hold}. */
    default void ledgerRefused(String kind) {
    }

    /** Money was spent with {@code provider}: {@code micros} millionths of {@code currency} (an ISO 4217 code). */
    default void budgetSpent(String provider, String currency, long micros) {
    }

    /** A budget authorization for {@code provider} was refused by a hard limit. */
    default void budgetRefused(String provider) {
    }

    /** A cache lookup in {@code namespace} found a live entry. */
    default void cacheHit(String namespace) {
    }

    /** A cache lookup in {@code namespace} found nothing live. */
    default void cacheMiss(String namespace) {
    }

    /** {@code count} cache entries were evicted (least recently used, or expired). */
    default void cacheEvicted(long count) {
    }

    /**
     * Called once when a store opens with this sink, with the source of its queue depth and lag per provider, for
     * gauges. A sink used by several stores sees each store's source; {@link MicrometerMetrics} keeps the last.
     */
    default void queueLevels(QueueLevels levels) {
    }
}
