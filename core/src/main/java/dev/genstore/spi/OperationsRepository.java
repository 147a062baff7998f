package dev.genstore.spi;

import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.UserUsage;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Whole-store queries for checking, measuring and purging a store. */
public interface OperationsRepository {

    /** Jobs counting fewer successful (or failed) images than they have COMPLETED (or FAILED) images. */
    List<IntegrityProblem> jobCounterProblems();

    /**
     * The cache's counters against its entries: one counter row, no negative counter, and the entries' hits (which
     * leave with an evicted entry) never above the hit counter.
     */
    List<IntegrityProblem> cacheCounterProblems();

    /** Up to {@code limit} blob keys of cache entries greater than {@code afterKey} ({@code null}: from the first), in key order. */
    List<String> cacheBlobKeysAfter(String afterKey, int limit);

    /** Those of {@code keys} that a cache entry names. */
    Set<String> referencedCacheKeys(Collection<String> keys);

    /** The {@code limit} users whose images (originals and variants, by their recorded sizes) take the most bytes, largest first, then by id. */
    List<UserUsage> largestUsers(int limit);

    /** Deletes ARCHIVED jobs completed before {@code cutoff}; their images stay, with no job. Returns how many. */
    int deleteArchivedJobsBefore(Instant cutoff);
}
