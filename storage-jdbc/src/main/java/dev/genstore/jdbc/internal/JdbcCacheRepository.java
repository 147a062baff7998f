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
import java.sql.PreparedStatement;
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
    private static final String COLUMNS = "id, namespace, item_key, config_hash, blob_key, content_type, byte_count,"
            + " metadata, source_image_id, hit_count, created_at, last_accessed_at";
    /** The entry without its bytes: listings and eviction never read them. */
    private static final String ENTRY = "SELECT " + COLUMNS + " FROM cache_entries";
    private static final String BY_KEY = " WHERE namespace = ? AND item_key = ? AND config_hash = ?";
    /**
     * A hit: the entry and the bytes kept in the database (null when they are in the blob store), in one statement.
     * The bytes live in cache_contents, apart from the entry's row: writing a hit's counters rewrites that row, and
     * must not copy them (SQLite and H2 rewrite a whole row to change a column).
     */
    private static final String LOOKUP = "SELECT e.id, e.namespace, e.item_key, e.config_hash, e.blob_key,"
            + " e.content_type, e.byte_count, e.metadata, e.source_image_id, e.hit_count, e.created_at,"
            + " e.last_accessed_at, c.content FROM cache_entries e LEFT JOIN cache_contents c ON c.entry_id = e.id"
            + " WHERE e.namespace = ? AND e.item_key = ? AND e.config_hash = ?";
    private static final String INSERT = "INSERT INTO cache_entries (" + COLUMNS + ")"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_CONTENT = "INSERT INTO cache_contents (entry_id, content) VALUES (?, ?)";
    private static final Map<String, Object> NO_METADATA = Collections.emptyMap();

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
        return DirectSql.one(handle, ENTRY + BY_KEY, statement -> bindKey(statement, namespace, itemKey, configurationHash),
                this::row);
    }

    @Override
    public Optional<CacheEntryRow> lookup(String namespace, String itemKey, String configurationHash) {
        // Every cache get runs it: through DirectSql (prepared once per connection, bound by hand).
        return DirectSql.one(handle, LOOKUP, statement -> bindKey(statement, namespace, itemKey, configurationHash),
                rs -> new CacheEntryRow(entry(rs), rs.getString("blob_key"), rs.getBytes("content")));
    }

    private static void bindKey(PreparedStatement statement, String namespace, String itemKey, String configurationHash)
            throws SQLException {
        statement.setString(1, namespace);
        statement.setString(2, itemKey);
        statement.setString(3, configurationHash);
    }

    @Override
    public void insert(CacheEntryRow row) {
        CacheEntry e = row.entry();
        DirectSql.update(handle, INSERT, statement -> {
            d.uuid(e.id()).apply(1, statement, null);
            statement.setString(2, e.namespace());
            statement.setString(3, e.itemKey());
            statement.setString(4, e.configurationHash());
            statement.setString(5, row.blobKey());
            statement.setString(6, e.contentType());
            statement.setLong(7, e.byteCount());
            statement.setString(8, write(e.metadata()));
            d.uuid(e.sourceImage() == null ? null : e.sourceImage().value()).apply(9, statement, null);
            statement.setLong(10, e.hitCount());
            d.instant(e.createdAt()).apply(11, statement, null);
            d.instant(e.lastAccessedAt()).apply(12, statement, null);
        });
        if (row.inline()) {
            DirectSql.update(handle, INSERT_CONTENT, statement -> {
                d.uuid(e.id()).apply(1, statement, null);
                statement.setBytes(2, row.content());
            });
        }
    }

    @Override
    public boolean delete(UUID id) {
        // The entry's contents row goes with it (ON DELETE CASCADE).
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
        return new CacheEntryRow(entry(rs), rs.getString("blob_key"));
    }

    private CacheEntry entry(ResultSet rs) throws SQLException {
        UUID source = d.uuid(rs, "source_image_id");
        return new CacheEntry(d.uuid(rs, "id"), rs.getString("namespace"), rs.getString("item_key"),
                rs.getString("config_hash"), rs.getString("content_type"), rs.getLong("byte_count"),
                metadata(rs.getString("metadata")), source == null ? null : ImageId.of(source),
                rs.getLong("hit_count"), d.instant(rs, "created_at"), d.instant(rs, "last_accessed_at"));
    }

    /** The metadata map; most entries have none, which needs no parse. */
    private static Map<String, Object> metadata(String json) {
        return "{}".equals(json) ? NO_METADATA : Collections.unmodifiableMap(read(json));
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
