package dev.genstore.jdbc.internal;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.jdbc.Dialect;
import dev.genstore.spi.BlobRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

final class JdbcBlobRepository implements BlobRepository {
    private final Handle handle;
    private final Dialect d;

    JdbcBlobRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    @Override
    public void put(String key, String contentType, byte[] content, Instant createdAt) {
        int updated = handle.createUpdate("UPDATE blobs SET content_type = :type, byte_count = :size, content = :content,"
                        + " created_at = :created WHERE blob_key = :key")
                .bind("type", contentType)
                .bind("size", (long) content.length)
                .bind("content", content)
                .bind("created", d.instant(createdAt))
                .bind("key", key)
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO blobs (blob_key, content_type, byte_count, content, created_at)"
                            + " VALUES (:key, :type, :size, :content, :created)")
                    .bind("key", key)
                    .bind("type", contentType)
                    .bind("size", (long) content.length)
                    .bind("content", content)
                    .bind("created", d.instant(createdAt))
                    .execute();
        }
    }

    @Override
    public Optional<byte[]> content(String key) {
        return handle.createQuery("SELECT content FROM blobs WHERE blob_key = :key")
                .bind("key", key)
                .map((rs, ctx) -> rs.getBytes("content"))
                .findOne();
    }

    @Override
    public Optional<BlobInfo> info(String key) {
        return handle.createQuery("SELECT blob_key, content_type, byte_count FROM blobs WHERE blob_key = :key")
                .bind("key", key)
                .map((rs, ctx) -> new BlobInfo(rs.getString("blob_key"), rs.getString("content_type"), rs.getLong("byte_count")))
                .findOne();
    }

    @Override
    public boolean delete(String key) {
        return handle.createUpdate("DELETE FROM blobs WHERE blob_key = :key").bind("key", key).execute() > 0;
    }

    @Override
    public List<BlobInfo> listAfter(String prefix, String afterKey, int limit) {
        // A range rather than LIKE: keys are ASCII and compare byte by byte (PostgreSQL: COLLATE "C"), so the primary
        // key index serves both the prefix and the keyset.
        StringBuilder sql = new StringBuilder("SELECT blob_key, content_type, byte_count FROM blobs WHERE 1 = 1");
        String from = afterKey != null && afterKey.compareTo(prefix) >= 0 ? afterKey : null;
        if (from != null) {
            sql.append(" AND blob_key > :after");
        } else if (!prefix.isEmpty()) {
            sql.append(" AND blob_key >= :prefix");
        }
        if (!prefix.isEmpty()) {
            sql.append(" AND blob_key < :end");
        }
        Query query = handle.createQuery(sql.append(" ORDER BY blob_key LIMIT :limit").toString()).bind("limit", limit);
        if (from != null) {
            query.bind("after", from);
        } else if (!prefix.isEmpty()) {
            query.bind("prefix", prefix);
        }
        if (!prefix.isEmpty()) {
            char last = prefix.charAt(prefix.length() - 1);
            query.bind("end", prefix.substring(0, prefix.length() - 1) + (char) (last + 1));
        }
        return query.map((rs, ctx) -> new BlobInfo(rs.getString("blob_key"), rs.getString("content_type"), rs.getLong("byte_count")))
                .list();
    }
}
