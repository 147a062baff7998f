package dev.genstore.jdbc.internal;

import dev.genstore.accounts.UserId;
import dev.genstore.jdbc.Dialect;
import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.UserUsage;
import dev.genstore.spi.OperationsRepository;
import dev.genstore.spi.OperationsRepository.BlobOwner;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

final class JdbcOperationsRepository implements OperationsRepository {
    private final Handle handle;
    private final Dialect d;

    JdbcOperationsRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    @Override
    public List<IntegrityProblem> jobCounterProblems() {
        return handle.createQuery("SELECT j.id, j.successful_images, j.failed_images, c.completed, c.failed FROM jobs j"
                        + " JOIN (SELECT job_id, SUM(CASE WHEN status = 'COMPLETED' THEN 1 ELSE 0 END) AS completed,"
                        + " SUM(CASE WHEN status = 'FAILED' THEN 1 ELSE 0 END) AS failed"
                        + " FROM images WHERE job_id IS NOT NULL GROUP BY job_id) c ON c.job_id = j.id"
                        + " WHERE c.completed > j.successful_images OR c.failed > j.failed_images ORDER BY j.id")
                .map((rs, ctx) -> new IntegrityProblem(IntegrityProblem.JOB_COUNTERS, "job " + d.uuid(rs, "id"),
                        "counts " + rs.getLong("successful_images") + " successful and " + rs.getLong("failed_images")
                                + " failed images but has " + rs.getLong("completed") + " completed and "
                                + rs.getLong("failed") + " failed"))
                .list();
    }

    @Override
    public List<IntegrityProblem> cacheCounterProblems() {
        List<IntegrityProblem> problems = new ArrayList<>();
        List<Map<String, Object>> counters = handle.createQuery("SELECT hits, misses, evictions FROM cache_counters")
                .mapToMap().list();
        if (counters.size() != 1) {
            problems.add(new IntegrityProblem(IntegrityProblem.CACHE_STATISTICS, "cache_counters",
                    "has " + counters.size() + " rows instead of 1"));
            return problems;
        }
        long hits = ((Number) counters.get(0).get("hits")).longValue();
        for (Map.Entry<String, Object> counter : counters.get(0).entrySet()) {
            if (((Number) counter.getValue()).longValue() < 0) {
                problems.add(new IntegrityProblem(IntegrityProblem.CACHE_STATISTICS, "cache_counters",
                        counter.getKey() + " is negative: " + counter.getValue()));
            }
        }
        long entryHits = handle.createQuery("SELECT COALESCE(SUM(hit_count), 0) FROM cache_entries").mapTo(Long.class).one();
        if (entryHits > hits) {
            problems.add(new IntegrityProblem(IntegrityProblem.CACHE_STATISTICS, "cache_counters",
                    "the entries count " + entryHits + " hits, more than the " + hits + " hits counted"));
        }
        return problems;
    }

    @Override
    public List<IntegrityProblem> cacheContentProblems() {
        return handle.createQuery("SELECT e.id FROM cache_entries e WHERE e.blob_key IS NULL"
                        + " AND NOT EXISTS (SELECT 1 FROM cache_contents c WHERE c.entry_id = e.id) ORDER BY e.id")
                .map((rs, ctx) -> new IntegrityProblem(IntegrityProblem.BLOB_MISSING, "cache entry " + d.uuid(rs, "id"),
                        "keeps its bytes in the database, but cache_contents has no row for it"))
                .list();
    }

    /** The table and column where {@code owner}'s rows name their blobs. */
    private static String[] keyColumn(BlobOwner owner) {
        return switch (owner) {
            case CACHE -> new String[] {"cache_entries", "blob_key"};
            case PROMPT_THUMBNAILS -> new String[] {"prompt_thumbnails", "storage_key"};
        };
    }

    @Override
    public List<String> blobKeysAfter(BlobOwner owner, String afterKey, int limit) {
        String[] at = keyColumn(owner);
        String from = "SELECT " + at[1] + " FROM " + at[0] + " WHERE " + at[1] + " IS NOT NULL";
        if (afterKey == null) {
            return handle.createQuery(from + " ORDER BY " + at[1] + " LIMIT :limit")
                    .bind("limit", limit).mapTo(String.class).list();
        }
        return handle.createQuery(from + " AND " + at[1] + " > :after ORDER BY " + at[1] + " LIMIT :limit")
                .bind("after", afterKey).bind("limit", limit).mapTo(String.class).list();
    }

    @Override
    public Set<String> referencedKeys(BlobOwner owner, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        String[] at = keyColumn(owner);
        return new HashSet<>(handle.createQuery("SELECT " + at[1] + " FROM " + at[0] + " WHERE " + at[1] + " IN (<keys>)")
                .bindList("keys", List.copyOf(keys)).mapTo(String.class).list());
    }

    @Override
    public List<UserUsage> largestUsers(int limit) {
        return handle.createQuery("SELECT owner_id, COUNT(*) AS images, SUM(bytes) AS bytes FROM (SELECT i.owner_id,"
                        + " COALESCE(i.byte_count, 0) + COALESCE((SELECT SUM(v.byte_count) FROM image_variants v"
                        + " WHERE v.image_id = i.id), 0) AS bytes FROM images i) per_image"
                        + " GROUP BY owner_id ORDER BY bytes DESC, owner_id LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new UserUsage(UserId.of(d.uuid(rs, "owner_id")), rs.getLong("images"), rs.getLong("bytes")))
                .list();
    }

    @Override
    public int deleteArchivedJobsBefore(Instant cutoff) {
        return handle.createUpdate("DELETE FROM jobs WHERE status = 'ARCHIVED' AND completed_at < :cutoff")
                .bind("cutoff", d.instant(cutoff))
                .execute();
    }
}
