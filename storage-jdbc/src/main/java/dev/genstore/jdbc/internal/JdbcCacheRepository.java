package dev.genstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.cache.CacheEntry;
import dev.genstore.cache.CacheStatistics;
import dev.genstore.errors.StorageException;
import dev.genstore.images.ImageId;
import dev.genstore.jdbc.Dialect;
import dev.genstore.spi.CacheEntryRow;
import dev.genstore.spi.CacheRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

final class JdbcCacheRepository implements CacheRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String ENTRY = "SELECT id, namespace, item_key, config_hash, blob_key, content_type, byte_count,"
            + " metadata, source_image_id, hit_count, created_at, last_accessed_at FROM cache_entries";

    private final Handle handle;
    private final Dialect d;

    JdbcCacheRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    @Override
    public void lockCache() {
        handle.createQuery("SELECT id FROM cache_counters WHERE id = 1" + d.forUpdate()).mapTo(Integer.class).one();
    }

    @Override
    public Optional<CacheEntryRow> find(String namespace, String itemKey, String configurationHash) {
        // Every cache get runs it: through DirectSql (prepared once per connection, bound by hand).
        return DirectSql.one(handle, ENTRY + " WHERE namespace = ? AND item_key = ? AND config_hash = ?", statement -> {
            statement.setString(1, namespace);
            statement.setString(2, itemKey);
            statement.setString(3, configurationHash);
        }, this::row);
    }

    @Override
    public void insert(CacheEntryRow row) {
        CacheEntry e = row.entry();
        handle.createUpdate("INSERT INTO cache_entries (id, namespace, item_key, config_hash, blob_key, content_type,"
                        + " byte_count, metadata, source_image_id, hit_count, created_at, last_accessed_at) VALUES (:id, :ns,"
                        + " :item, :hash, :key, :type, :bytes, :metadata, :source, :hits, :created, :accessed)")
                .bind("id", d.uuid(e.id()))
                .bind("ns", e.namespace())
                .bind("item", e.itemKey())
                .bind("hash", e.configurationHash())
                .bind("key", row.blobKey())
                .bind("type", e.contentType())
                .bind("bytes", e.byteCount())
                .bind("metadata", write(e.metadata()))
                .bind("source", d.uuid(e.sourceImage() == null ? null : e.sourceImage().value()))
                .bind("hits", e.hitCount())
                .bind("created", d.instant(e.createdAt()))
                .bind("accessed", d.instant(e.lastAccessedAt()))
                .execute();
    }

    @Override
    public boolean delete(UUID id) {
        return handle.createUpdate("DELETE FROM cache_entries WHERE id = :id").bind("id", d.uuid(id)).execute() > 0;
    }

    @Override
    public List<CacheEntryRow> entriesOf(String namespace, String itemKey) {
        return handle.createQuery(ENTRY + " WHERE namespace = :ns AND item_key = :item ORDER BY id")
                .bind("ns", namespace)
                .bind("item", itemKey)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    @Override
    public List<CacheEntryRow> entriesOfNamespace(String namespace, int limit) {
        return handle.createQuery(ENTRY + " WHERE namespace = :ns ORDER BY id LIMIT :limit")
                .bind("ns", namespace)
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    @Override
    public List<CacheEntryRow> entriesFrom(ImageId image) {
        return handle.createQuery(ENTRY + " WHERE source_image_id = :image ORDER BY id")
                .bind("image", d.uuid(image.value()))
                .map((rs, ctx) -> row(rs))
                .list();
    }

    @Override
    public List<CacheEntryRow> createdAtOrBefore(Instant cutoff, int limit) {
        return handle.createQuery(ENTRY + " WHERE created_at <= :cutoff ORDER BY created_at, id LIMIT :limit")
                .bind("cutoff", d.instant(cutoff))
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    @Override
    public List<CacheEntryRow> leastRecentlyUsed(UUID exclude, int limit) {
        return handle.createQuery(ENTRY + " WHERE id <> :exclude ORDER BY last_accessed_at, id LIMIT :limit")
                .bind("exclude", d.uuid(exclude))
                .bind("limit", limit)
                .map((rs, ctx) -> row(rs))
                .list();
    }

    @Override
    public void recordAccesses(Map<UUID, Access> accesses) {
        PreparedBatch batch = handle.prepareBatch("UPDATE cache_entries SET hit_count = hit_count + :hits,"
                + " last_accessed_at = CASE WHEN last_accessed_at < :last THEN :last ELSE last_accessed_at END WHERE id = :id");
        accesses.forEach((id, access) -> batch
                .bind("hits", access.hits())
                .bind("last", d.instant(access.last()))
                .bind("id", d.uuid(id))
                .add());
        batch.execute();
    }

    @Override
    public void addCounters(long hits, long misses, long evictions) {
        handle.createUpdate("UPDATE cache_counters SET hits = hits + :hits, misses = misses + :misses,"
                        + " evictions = evictions + :evictions WHERE id = 1")
                .bind("hits", hits)
                .bind("misses", misses)
                .bind("evictions", evictions)
                .execute();
    }

    @Override
    public CacheStatistics statistics() {
        return handle.createQuery("SELECT c.hits, c.misses, c.evictions,"
                        + " (SELECT COUNT(*) FROM cache_entries) AS entries,"
                        + " (SELECT COALESCE(SUM(byte_count), 0) FROM cache_entries) AS bytes"
                        + " FROM cache_counters c WHERE c.id = 1")
                .map((rs, ctx) -> new CacheStatistics(rs.getLong("hits"), rs.getLong("misses"), rs.getLong("entries"),
                        rs.getLong("bytes"), rs.getLong("evictions")))
                .one();
    }

    private CacheEntryRow row(ResultSet rs) throws SQLException {
        UUID source = d.uuid(rs, "source_image_id");
        CacheEntry entry = new CacheEntry(d.uuid(rs, "id"), rs.getString("namespace"), rs.getString("item_key"),
                rs.getString("config_hash"), rs.getString("content_type"), rs.getLong("byte_count"),
                Collections.unmodifiableMap(read(rs.getString("metadata"))), source == null ? null : ImageId.of(source),
                rs.getLong("hit_count"), d.instant(rs, "created_at"), d.instant(rs, "last_accessed_at"));
        return new CacheEntryRow(entry, rs.getString("blob_key"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> read(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable JSON column: " + e.getMessage(), false, e);
        }
    }
}
