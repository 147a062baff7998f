package dev.genstore.ops;

import dev.genstore.errors.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Operations#purge} removes. Immutable: every method returns a new request.
 *
 * <pre>{@code
 * PurgeReport wouldRemove = store.operations().purge(PurgeRequest.everything()
 *         .archivedJobsOlderThan(Duration.ofDays(90))
 *         .dryRun(true));
 * }</pre>
 *
 * <p>{@link #everything()} names every category decided by an expiry the store already knows (one-time passwords,
 * holds, budget reservations, cache entries past their time-to-live) and orphan blobs older than an hour. Archived jobs
 * and unused prompts are data a user made, so they are removed only when the request names an age for them.
 */
public final class PurgeRequest {
    /** Report key: one-time-password challenges that expired or were used. */
    public static final String ONE_TIME_PASSWORDS = "one-time-passwords";
    /** Report key: active token holds past their expiry, released (their rows stay, marked EXPIRED). */
    public static final String EXPIRED_HOLDS = "expired-holds";
    /** Report key: active budget reservations past their expiry, marked EXPIRED (their rows stay). */
    public static final String EXPIRED_RESERVATIONS = "expired-reservations";
    /** Report key: cache entries past the cache policy's time-to-live, with their bytes. */
    public static final String CACHE_ENTRIES = "cache-entries";
    /** Report key: ARCHIVED jobs that completed before the age given; their images stay, unlinked from the job. */
    public static final String ARCHIVED_JOBS = "archived-jobs";
    /** Report key: prompts whose last use is before the instant given, with their uses per model and thumbnail. */
    public static final String UNUSED_PROMPTS = "unused-prompts";
    /** Report key: blobs under genstore's prefixes ({@code images/}, {@code cache/}, {@code prompts/}) that no row names. */
    public static final String ORPHAN_BLOBS = "orphan-blobs";

    /** How old an unreferenced blob must be before it counts as an orphan, unless a request says otherwise. */
    public static final Duration DEFAULT_ORPHAN_GRACE = Duration.ofHours(1);

    private final boolean oneTimePasswords;
    private final boolean holds;
    private final boolean reservations;
    private final boolean cacheEntries;
    private final Duration orphanBlobGrace;
    private final Duration archivedJobAge;
    private final Instant promptsUnusedSince;
    private final boolean dryRun;

    private PurgeRequest(boolean oneTimePasswords, boolean holds, boolean reservations, boolean cacheEntries,
                         Duration orphanBlobGrace, Duration archivedJobAge, Instant promptsUnusedSince, boolean dryRun) {
        this.oneTimePasswords = oneTimePasswords;
        this.holds = holds;
        this.reservations = reservations;
        this.cacheEntries = cacheEntries;
        this.orphanBlobGrace = orphanBlobGrace;
        this.archivedJobAge = archivedJobAge;
        this.promptsUnusedSince = promptsUnusedSince;
        this.dryRun = dryRun;
    }

    /** A request that removes nothing; name categories with the other methods. */
    public static PurgeRequest nothing() {
        return new PurgeRequest(false, false, false, false, null, null, null, false);
    }

    /**
     * Expired one-time passwords, holds, reservations and cache entries, and orphan blobs older than
     * {@link #DEFAULT_ORPHAN_GRACE}; archived jobs and unused prompts only when named with their own methods.
     */
    public static PurgeRequest everything() {
        return new PurgeRequest(true, true, true, true, DEFAULT_ORPHAN_GRACE, null, null, false);
    }

    /** This request, removing ({@code true}) or keeping one-time-password challenges that expired or were used. */
    public PurgeRequest oneTimePasswords(boolean remove) {
        return new PurgeRequest(remove, holds, reservations, cacheEntries, orphanBlobGrace, archivedJobAge, promptsUnusedSince, dryRun);
    }

    /** This request, releasing ({@code true}) or leaving active token holds past their expiry. */
    public PurgeRequest expiredHolds(boolean release) {
        return new PurgeRequest(oneTimePasswords, release, reservations, cacheEntries, orphanBlobGrace, archivedJobAge, promptsUnusedSince, dryRun);
    }

    /** This request, expiring ({@code true}) or leaving active budget reservations past their expiry. */
    public PurgeRequest expiredReservations(boolean expire) {
        return new PurgeRequest(oneTimePasswords, holds, expire, cacheEntries, orphanBlobGrace, archivedJobAge, promptsUnusedSince, dryRun);
    }

    /** This request, removing ({@code true}) or keeping cache entries past the cache policy's time-to-live. */
    public PurgeRequest expiredCacheEntries(boolean remove) {
        return new PurgeRequest(oneTimePasswords, holds, reservations, remove, orphanBlobGrace, archivedJobAge, promptsUnusedSince, dryRun);
    }

    /**
     * This request, removing blobs no row names whose key says they are older than {@code grace} (younger ones may
     * belong to a store in progress).
     *
     * @throws InvalidInputException when {@code grace} is null or negative
     */
    public PurgeRequest orphanBlobsOlderThan(Duration grace) {
        return new PurgeRequest(oneTimePasswords, holds, reservations, cacheEntries, nonNegative("grace", grace), archivedJobAge, promptsUnusedSince, dryRun);
    }

    /** This request, keeping orphan blobs. */
    public PurgeRequest keepOrphanBlobs() {
        return new PurgeRequest(oneTimePasswords, holds, reservations, cacheEntries, null, archivedJobAge, promptsUnusedSince, dryRun);
    }

    /**
     * This request, deleting ARCHIVED jobs that completed more than {@code age} ago (by the store's clock).
     *
     * @throws InvalidInputException when {@code age} is null or negative
     */
    public PurgeRequest archivedJobsOlderThan(Duration age) {
        return new PurgeRequest(oneTimePasswords, holds, reservations, cacheEntries, orphanBlobGrace, nonNegative("age", age), promptsUnusedSince, dryRun);
    }

    /**
     * This request, deleting prompts not used since {@code cutoff} (last use strictly before it).
     *
     * @throws InvalidInputException when {@code cutoff} is null
     */
    public PurgeRequest promptsUnusedSince(Instant cutoff) {
        if (cutoff == null) {
            throw new InvalidInputException("cutoff", "must not be null");
        }
        return new PurgeRequest(oneTimePasswords, holds, reservations, cacheEntries, orphanBlobGrace, archivedJobAge, cutoff, dryRun);
    }

    /** This request as a dry run ({@code true}): it counts exactly what a real run at that moment would remove, and removes nothing. */
    public PurgeRequest dryRun(boolean only) {
        return new PurgeRequest(oneTimePasswords, holds, reservations, cacheEntries, orphanBlobGrace, archivedJobAge, promptsUnusedSince, only);
    }

    /** True when one-time-password challenges that expired or were used are removed. */
    public boolean oneTimePasswords() {
        return oneTimePasswords;
    }

    /** True when expired token holds are released. */
    public boolean expiredHolds() {
        return holds;
    }

    /** True when expired budget reservations are marked expired. */
    public boolean expiredReservations() {
        return reservations;
    }

    /** True when cache entries past their time-to-live are removed. */
    public boolean expiredCacheEntries() {
        return cacheEntries;
    }

    /** The grace period of orphan blobs, when they are removed. */
    public Optional<Duration> orphanBlobGrace() {
        return Optional.ofNullable(orphanBlobGrace);
    }

    /** The age past which archived jobs are deleted, when they are. */
    public Optional<Duration> archivedJobAge() {
        return Optional.ofNullable(archivedJobAge);
    }

    /** The instant before which a prompt's last use makes it deleted, when prompts are. */
    public Optional<Instant> promptsUnusedSince() {
        return Optional.ofNullable(promptsUnusedSince);
    }

    /** True for a dry run. */
    public boolean dryRun() {
        return dryRun;
    }

    private static Duration nonNegative(String field, Duration value) {
        if (value == null || value.isNegative()) {
            throw new InvalidInputException(field, "must be zero or positive, was " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PurgeRequest r && oneTimePasswords == r.oneTimePasswords && holds == r.holds
                && reservations == r.reservations && cacheEntries == r.cacheEntries && dryRun == r.dryRun
                && Objects.equals(orphanBlobGrace, r.orphanBlobGrace) && Objects.equals(archivedJobAge, r.archivedJobAge)
                && Objects.equals(promptsUnusedSince, r.promptsUnusedSince);
    }

    @Override
    public int hashCode() {
        return Objects.hash(oneTimePasswords, holds, reservations, cacheEntries, orphanBlobGrace, archivedJobAge, promptsUnusedSince, dryRun);
    }

    @Override
    public String toString() {
        return "PurgeRequest[oneTimePasswords=" + oneTimePasswords + ", expiredHolds=" + holds + ", expiredReservations="
                + reservations + ", expiredCacheEntries=" + cacheEntries + ", orphanBlobGrace=" + orphanBlobGrace
                + ", archivedJobAge=" + archivedJobAge + ", promptsUnusedSince=" + promptsUnusedSince + ", dryRun=" + dryRun + "]";
    }
}
