package dev.genstore.jobs;

import dev.genstore.accounts.UserId;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What a worker asks {@link JobQueue#claim(ClaimRequest)} for. Start from {@link #of(String, int, Duration)}; by
 * default the worker takes any provider's jobs of any owner. Provider limits count every running job of a provider,
 * whichever worker or filter claimed it.
 *
 * @param worker    a name for the worker, recorded as the lease owner
 * @param max       1 to 1000 jobs at most
 * @param lease     how long the lease lasts without a heartbeat
 * @param providers only jobs of these providers (at most 1,000); every provider when empty
 * @param owners    only jobs of these users (at most 1,000); every user when empty
 */
public record ClaimRequest(String worker, int max, Duration lease, Set<String> providers, Set<UserId> owners) {

    /** Any provider's jobs of any owner. */
    public static ClaimRequest of(String worker, int max, Duration lease) {
        return new ClaimRequest(worker, max, lease, Set.of(), Set.of());
    }

    /** This request limited to jobs of these providers (the worker holds their API keys, say). */
    public ClaimRequest providers(String... names) {
        return new ClaimRequest(worker, max, lease, setOf(names), owners);
    }

    /** This request limited to jobs of these users (a dedicated worker for some customers, say). */
    public ClaimRequest owners(UserId... users) {
        return new ClaimRequest(worker, max, lease, providers, setOf(users));
    }

    /** Nulls are kept, for the queue to refuse by name: {@code Set.of} would throw a bare NullPointerException. */
    @SafeVarargs
    private static <T> Set<T> setOf(T... values) {
        return values == null ? null : Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(values)));
    }
}
