package dev.genstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.StorageException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageContent;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.ImageStatus;
import dev.genstore.images.ImageType;
import dev.genstore.images.ProcessingSettings;
import dev.genstore.images.QcStatus;
import dev.genstore.images.Variant;
import dev.genstore.images.VariantFormat;
import dev.genstore.images.VariantKind;
import dev.genstore.jdbc.Dialect;
import dev.genstore.jobs.JobId;
import dev.genstore.spi.ImageBlobRef;
import dev.genstore.spi.ImageRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

final class JdbcImageRepository implements ImageRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String COLUMNS = "i.id, i.owner_id, i.job_id, i.type, i.status, i.error_message, i.title,"
            + " i.description, i.prompt, i.seed, i.model, i.processing_settings, i.metadata, i.qc_status, i.qc_reason,"
            + " i.format, i.width, i.height, i.byte_count, i.sha256, i.storage_key, i.tokens_used, i.created_at, i.updated_at";

    private final Handle handle;
    private final Dialect d;

    JdbcImageRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    /** An images row before its tags and variants are attached. */
    private record Row(Image image) {
    }

    @Override
    public void insert(Image image) {
        ImageContent c = image.content();
        handle.createUpdate("INSERT INTO images (id, owner_id, job_id, type, status, error_message, title, description,"
                        + " prompt, seed, model, processing_settings, metadata, qc_status, qc_reason, format, width, height,"
                        + " byte_count, sha256, storage_key, tokens_used, created_at, updated_at) VALUES (:id, :owner, :job,"
                        + " :type, :status, :error, :title, :description, :prompt, :seed, :model, "
                        + d.jsonParameter(":settings") + ", " + d.jsonParameter(":metadata") + ", :qc, :qcReason, :format,"
                        + " :width, :height, :bytes, :sha256, :key, :tokens, :created, :updated)")
                .bind("id", d.uuid(image.id().value()))
                .bind("owner", d.uuid(image.owner().value()))
                .bind("job", d.uuid(image.jobId() == null ? null : image.jobId().value()))
                .bind("type", image.type().name())
                .bind("status", image.status().name())
                .bind("error", image.errorMessage())
                .bind("title", image.title())
                .bind("description", image.description())
                .bind("prompt", image.prompt())
                .bind("seed", image.seed())
                .bind("model", image.model())
                .bind("settings", write(image.processingSettings().toMap()))
                .bind("metadata", write(image.metadata()))
                .bind("qc", image.qcStatus().name())
                .bind("qcReason", image.qcReason())
                .bind("format", c == null ? null : c.format())
                .bind("width", c == null ? null : c.width())
                .bind("height", c == null ? null : c.height())
                .bind("bytes", c == null ? null : c.bytes())
                .bind("sha256", c == null ? null : c.sha256())
                .bind("key", c == null ? null : c.storageKey())
                .bind("tokens", image.tokensUsed())
                .bind("created", d.instant(image.createdAt()))
                .bind("updated", d.instant(image.updatedAt()))
                .execute();
        insertTags(image);
        insertVariants(image);
    }

    private void insertTags(Image image) {
        if (image.tags().isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO image_tags (image_id, owner_id, tag) VALUES (:id, :owner, :tag)");
        for (String tag : image.tags()) {
            batch.bind("id", d.uuid(image.id().value())).bind("owner", d.uuid(image.owner().value())).bind("tag", tag).add();
        }
        batch.execute();
    }

    private void insertVariants(Image image) {
        if (image.variants().isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO image_variants (image_id, kind, format, width, height,"
                + " byte_count, storage_key) VALUES (:id, :kind, :format, :width, :height, :bytes, :key)");
        for (Variant v : image.variants()) {
            batch.bind("id", d.uuid(image.id().value()))
                    .bind("kind", v.kind().name())
                    .bind("format", v.format().name())
                    .bind("width", v.width())
                    .bind("height", v.height())
                    .bind("bytes", v.bytes())
                    .bind("key", v.storageKey())
                    .add();
        }
        batch.execute();
    }

    @Override
    public Optional<Image> find(UserId owner, ImageId id) {
        return one(owner, id, "");
    }

    @Override
    public Optional<Image> lock(UserId owner, ImageId id) {
        return one(owner, id, d.forUpdate());
    }

    private Optional<Image> one(UserId owner, ImageId id, String lock) {
        List<Row> rows = handle.createQuery("SELECT " + COLUMNS + " FROM images i WHERE i.id = :id AND i.owner_id = :owner" + lock)
                .bind("id", d.uuid(id.value()))
                .bind("owner", d.uuid(owner.value()))
                .map((rs, ctx) -> row(rs))
                .list();
        return withChildren(rows).stream().findFirst();
    }

    @Override
    public void update(Image image) {
        ImageContent c = image.content();
        handle.createUpdate("UPDATE images SET status = :status, error_message = :error, title = :title,"
                        + " description = :description, processing_settings = " + d.jsonParameter(":settings")
                        + ", metadata = " + d.jsonParameter(":metadata") + ", qc_status = :qc, qc_reason = :qcReason,"
                        + " format = :format, width = :width, height = :height, byte_count = :bytes, sha256 = :sha256,"
                        + " storage_key = :key, updated_at = :updated WHERE id = :id")
                .bind("status", image.status().name())
                .bind("error", image.errorMessage())
                .bind("title", image.title())
                .bind("description", image.description())
                .bind("settings", write(image.processingSettings().toMap()))
                .bind("metadata", write(image.metadata()))
                .bind("qc", image.qcStatus().name())
                .bind("qcReason", image.qcReason())
                .bind("format", c == null ? null : c.format())
                .bind("width", c == null ? null : c.width())
                .bind("height", c == null ? null : c.height())
                .bind("bytes", c == null ? null : c.bytes())
                .bind("sha256", c == null ? null : c.sha256())
                .bind("key", c == null ? null : c.storageKey())
                .bind("updated", d.instant(image.updatedAt()))
                .bind("id", d.uuid(image.id().value()))
                .execute();
        handle.createUpdate("DELETE FROM image_tags WHERE image_id = :id").bind("id", d.uuid(image.id().value())).execute();
        insertTags(image);
        handle.createUpdate("DELETE FROM image_variants WHERE image_id = :id").bind("id", d.uuid(image.id().value())).execute();
        insertVariants(image);
    }

    @Override
    public boolean delete(ImageId id) {
        // Children first: the schema cascades too, but SQLite only with foreign keys on, and this costs nothing.
        handle.createUpdate("DELETE FROM image_tags WHERE image_id = :id").bind("id", d.uuid(id.value())).execute();
        handle.createUpdate("DELETE FROM image_variants WHERE image_id = :id").bind("id", d.uuid(id.value())).execute();
        return handle.createUpdate("DELETE FROM images WHERE id = :id").bind("id", d.uuid(id.value())).execute() > 0;
    }

    @Override
    public List<Image> listBefore(UserId owner, ImageFilter filter, ImageId before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM images i");
        if (filter.tag() != null) {
            sql.append(" JOIN image_tags t ON t.image_id = i.id AND t.owner_id = :owner AND t.tag = :tag");
        }
        sql.append(" WHERE i.owner_id = :owner");
        if (!filter.types().isEmpty()) {
            sql.append(" AND i.type IN (<types>)");
        }
        if (!filter.statuses().isEmpty()) {
            sql.append(" AND i.status IN (<statuses>)");
        }
        if (!filter.qcStatuses().isEmpty()) {
            sql.append(" AND i.qc_status IN (<qc>)");
        }
        if (filter.jobId() != null) {
            sql.append(" AND i.job_id = :job");
        }
        if (before != null) {
            sql.append(" AND i.id < :before");
        }
        Query query = handle.createQuery(sql.append(" ORDER BY i.id DESC LIMIT :limit").toString())
                .bind("owner", d.uuid(owner.value()))
                .bind("limit", limit);
        if (filter.tag() != null) {
            query.bind("tag", filter.tag());
        }
        if (!filter.types().isEmpty()) {
            query.bindList("types", filter.types().stream().map(Enum::name).sorted().toList());
        }
        if (!filter.statuses().isEmpty()) {
            query.bindList("statuses", filter.statuses().stream().map(Enum::name).sorted().toList());
        }
        if (!filter.qcStatuses().isEmpty()) {
            query.bindList("qc", filter.qcStatuses().stream().map(Enum::name).sorted().toList());
        }
        if (filter.jobId() != null) {
            query.bind("job", d.uuid(filter.jobId().value()));
        }
        if (before != null) {
            query.bind("before", d.uuid(before.value()));
        }
        return withChildren(query.map((rs, ctx) -> row(rs)).list());
    }

    @Override
    public ImageStatistics statistics(UserId owner) {
        long[] figures = handle.createQuery("SELECT COUNT(*) AS total,"
                        + " COALESCE(SUM(CASE WHEN type = 'GENERATED' THEN 1 ELSE 0 END), 0) AS generated,"
                        + " COALESCE(SUM(CASE WHEN type = 'UPLOADED' THEN 1 ELSE 0 END), 0) AS uploaded,"
                        + " COALESCE(SUM(tokens_used), 0) AS tokens, COALESCE(SUM(byte_count), 0) AS bytes"
                        + " FROM images WHERE owner_id = :owner")
                .bind("owner", d.uuid(owner.value()))
                .map((rs, ctx) -> new long[] {rs.getLong("total"), rs.getLong("generated"), rs.getLong("uploaded"),
                        rs.getLong("tokens"), rs.getLong("bytes")})
                .one();
        long variantBytes = handle.createQuery("SELECT COALESCE(SUM(v.byte_count), 0) AS bytes FROM image_variants v"
                        + " JOIN images i ON i.id = v.image_id WHERE i.owner_id = :owner")
                .bind("owner", d.uuid(owner.value()))
                .map((rs, ctx) -> rs.getLong("bytes"))
                .one();
        return new ImageStatistics(figures[0], figures[1], figures[2], figures[3], figures[4] + variantBytes);
    }

    @Override
    public List<String> storageKeys(UserId owner) {
        List<String> keys = new ArrayList<>(handle.createQuery("SELECT storage_key FROM images WHERE owner_id = :owner"
                        + " AND storage_key IS NOT NULL ORDER BY storage_key")
                .bind("owner", d.uuid(owner.value()))
                .mapTo(String.class)
                .list());
        keys.addAll(handle.createQuery("SELECT v.storage_key FROM image_variants v JOIN images i ON i.id = v.image_id"
                        + " WHERE i.owner_id = :owner ORDER BY v.storage_key")
                .bind("owner", d.uuid(owner.value()))
                .mapTo(String.class)
                .list());
        return keys;
    }

    @Override
    public List<ImageBlobRef> blobRefsAfter(ImageId after, int limit) {
        Query query = handle.createQuery("SELECT id, owner_id, storage_key FROM images WHERE storage_key IS NOT NULL"
                        + (after == null ? "" : " AND id > :after") + " ORDER BY id LIMIT :limit")
                .bind("limit", limit);
        if (after != null) {
            query.bind("after", d.uuid(after.value()));
        }
        List<ImageBlobRef> originals = query.map((rs, ctx) -> new ImageBlobRef(ImageId.of(d.uuid(rs, "id")),
                UserId.of(d.uuid(rs, "owner_id")), null, rs.getString("storage_key"))).list();
        if (originals.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<ImageBlobRef>> variants = new HashMap<>();
        handle.createQuery("SELECT image_id, kind, storage_key FROM image_variants WHERE image_id IN (<ids>) ORDER BY kind")
                .bindList("ids", originals.stream().map(ref -> d.uuid(ref.imageId().value())).toList())
                .map((rs, ctx) -> Map.entry(d.uuid(rs, "image_id"), new Object[] {rs.getString("kind"), rs.getString("storage_key")}))
                .forEach(e -> variants.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(new ImageBlobRef(
                        ImageId.of(e.getKey()), null, VariantKind.valueOf((String) e.getValue()[0]), (String) e.getValue()[1])));
        List<ImageBlobRef> refs = new ArrayList<>();
        for (ImageBlobRef original : originals) {
            refs.add(original);
            for (ImageBlobRef variant : variants.getOrDefault(original.imageId().value(), List.of())) {
                refs.add(new ImageBlobRef(variant.imageId(), original.owner(), variant.kind(), variant.storageKey()));
            }
        }
        return refs;
    }

    @Override
    public Set<String> referencedKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        List<String> list = List.copyOf(keys);
        Set<String> found = new HashSet<>(handle.createQuery("SELECT storage_key FROM images WHERE storage_key IN (<keys>)")
                .bindList("keys", list).mapTo(String.class).list());
        found.addAll(handle.createQuery("SELECT storage_key FROM image_variants WHERE storage_key IN (<keys>)")
                .bindList("keys", list).mapTo(String.class).list());
        return found;
    }

    @Override
    public boolean deleteVariant(ImageId id, VariantKind kind) {
        return handle.createUpdate("DELETE FROM image_variants WHERE image_id = :id AND kind = :kind")
                .bind("id", d.uuid(id.value()))
                .bind("kind", kind.name())
                .execute() > 0;
    }

    // ---- rows -----------------------------------------------------------------------------------------------------

    private Row row(ResultSet rs) throws SQLException {
        UUID job = d.uuid(rs, "job_id");
        long seed = rs.getLong("seed");
        Long optionalSeed = rs.wasNull() ? null : seed;
        String key = rs.getString("storage_key");
        ImageContent content = key == null ? null : new ImageContent(rs.getString("format"), rs.getInt("width"),
                rs.getInt("height"), rs.getLong("byte_count"), rs.getString("sha256"), key);
        return new Row(Image.builder().id(ImageId.of(d.uuid(rs, "id"))).owner(UserId.of(d.uuid(rs, "owner_id")))
                .type(ImageType.valueOf(rs.getString("type"))).jobId(job == null ? null : JobId.of(job))
                .prompt(rs.getString("prompt")).seed(optionalSeed).model(rs.getString("model"))
                .tokensUsed(rs.getLong("tokens_used"))
                .title(rs.getString("title")).description(rs.getString("description")).tags(List.of())
                .metadata(read(rs.getString("metadata")))
                .status(ImageStatus.valueOf(rs.getString("status"))).errorMessage(rs.getString("error_message"))
                .qcStatus(QcStatus.valueOf(rs.getString("qc_status"))).qcReason(rs.getString("qc_reason"))
                .content(content).variants(List.of())
                .processingSettings(ProcessingSettings.fromMap(read(rs.getString("processing_settings"))))
                .createdAt(d.instant(rs, "created_at")).updatedAt(d.instant(rs, "updated_at"))
                .build());
    }

    /** The images of the rows, in the rows' order, with their tags and variants loaded in two queries. */
    private List<Image> withChildren(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object> ids = rows.stream().map(row -> (Object) d.uuid(row.image().id().value())).toList();
        Map<UUID, List<String>> tags = new HashMap<>();
        handle.createQuery("SELECT image_id, tag FROM image_tags WHERE image_id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(d.uuid(rs, "image_id"), rs.getString("tag")))
                .forEach(e -> tags.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        Map<UUID, List<Variant>> variants = new HashMap<>();
        handle.createQuery("SELECT image_id, kind, format, width, height, byte_count, storage_key FROM image_variants"
                        + " WHERE image_id IN (<ids>)")
                .bindList("ids", ids)
                .map((rs, ctx) -> Map.entry(d.uuid(rs, "image_id"), new Variant(VariantKind.valueOf(rs.getString("kind")),
                        VariantFormat.valueOf(rs.getString("format")), rs.getInt("width"), rs.getInt("height"),
                        rs.getLong("byte_count"), rs.getString("storage_key"))))
                .forEach(e -> variants.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        List<Image> images = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Image i = row.image();
            UUID id = i.id().value();
            images.add(i.toBuilder().tags(tags.getOrDefault(id, List.of())).variants(variants.getOrDefault(id, List.of()))
                    .build());
        }
        return images;
    }

    private static String write(Map<String, Object> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON values: " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> read(String json) {
        try {
            return Collections.unmodifiableMap(JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new StorageException("stored JSON is not readable: " + e.getMessage(), false, e);
        }
    }
}
