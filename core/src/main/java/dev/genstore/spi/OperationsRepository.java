package dev.genstore.spi;

import dev.genstore.blobs.BlobKeys;
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

    /**
     * Cache entries that keep their bytes in the database (no blob key) with no row of bytes there: a get of one is a
     * miss. No constraint can span an entry and its bytes, so the check is here. The default finds none, for a storage
     * that keeps no cache bytes in the database.
     */
    default List<IntegrityProblem> cacheContentProblems() {
        return List.of();
    }

    /** Rows outside the images area that name blobs, each kind under its own key prefix. */
    enum BlobOwner {
        /** Cache entries: {@code genstore/cache/<entry id>}. */
        CACHE(BlobKeys.GENSTORE_ROOT + "cache/", "a cache entry"),
        /** Prompt thumbnails kept in the blob store: {@code genstore/prompts/<uuid>.webp}. */
        PROMPT_THUMBNAILS(BlobKeys.GENSTORE_ROOT + "prompts/", "a prompt thumbnail");

        private final String prefix;
        private final String description;

        BlobOwner(String prefix, String description) {
            this.prefix = prefix;
            this.description = description;
        }

        /** The prefix under which genstore writes this owner's blobs (rows written by older versions may name others). */
        public String prefix() {
            return prefix;
        }

        /** What names such a blob, for messages: "a cache entry". */
        public String description() {
            return description;
        }
    }

    /** Up to {@code limit} blob keys that {@code owner}'s rows name, greater than {@code afterKey} ({@code null}: from the first), in key order. */
    List<String> blobKeysAfter(BlobOwner owner, String afterKey, int limit);

    /** Those of {@code keys} that one of {@code owner}'s rows names. */
    Set<String> referencedKeys(BlobOwner owner, Collection<String> keys);

    /** The {@code limit} users whose images (originals and variants, by their recorded sizes) take the most bytes, largest first, then by id. */
    List<UserUsage> largestUsers(int limit);

    /** Deletes ARCHIVED jobs completed before {@code cutoff}; their images stay, with no job. Returns how many. */
    int deleteArchivedJobsBefore(Instant cutoff);
}
