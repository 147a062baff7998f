package dev.genstore.jdbc.internal;

import dev.genstore.jdbc.Dialect;
import dev.genstore.prompts.Prompt;
import dev.genstore.prompts.PromptId;
import dev.genstore.spi.PromptRepository;
import dev.genstore.spi.PromptThumbnailRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Prompts, per-model use counts and the full-text match through the dialect. */
final class JdbcPromptRepository implements PromptRepository {
    private static final String COLUMNS = "p.id, p.text, p.normalized, p.hash, p.total_uses, p.first_used_at, p.last_used_at";
    private static final String PROMPT = "SELECT " + COLUMNS + " FROM prompts p";
    private static final String MODEL_FILTER = " EXISTS (SELECT 1 FROM prompt_models m WHERE m.prompt_id = p.id AND m.model = :model)";

    private final Handle handle;
    private final Dialect d;

    JdbcPromptRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    // The statements of record() go through DirectSql: prepared once per connection, bound by hand (the hot path).
    private static final String BY_HASH = "SELECT " + COLUMNS + " FROM prompts p WHERE p.hash = ?";
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM prompts p WHERE p.id = ?";

    @Override
    public Optional<Prompt> findByHash(String hash) {
        return DirectSql.one(handle, BY_HASH, statement -> statement.setString(1, hash), this::prompt);
    }

    @Override
    public Optional<Prompt> find(PromptId id) {
        return DirectSql.one(handle, BY_ID, statement -> d.uuid(id.value()).apply(1, statement, null), this::prompt);
    }

    @Override
    public void insert(Prompt p, List<String> searchTerms) {
        DirectSql.update(handle, "INSERT INTO prompts (id, text, normalized, hash, total_uses, first_used_at, last_used_at,"
                + " search_terms) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    d.uuid(p.id().value()).apply(1, statement, null);
                    statement.setString(2, p.text());
                    statement.setString(3, p.normalized());
                    statement.setString(4, p.hash());
                    statement.setLong(5, p.totalUses());
                    d.instant(p.firstUsedAt()).apply(6, statement, null);
                    d.instant(p.lastUsedAt()).apply(7, statement, null);
                    statement.setString(8, String.join(" ", searchTerms));
                });
    }

    @Override
    public void countUse(PromptId id, Instant at) {
        DirectSql.update(handle, "UPDATE prompts SET total_uses = total_uses + 1, last_used_at = CASE WHEN last_used_at < ?"
                + " THEN ? ELSE last_used_at END WHERE id = ?", statement -> {
                    d.instant(at).apply(1, statement, null);
                    d.instant(at).apply(2, statement, null);
                    d.uuid(id.value()).apply(3, statement, null);
                });
    }

    @Override
    public void countModelUse(PromptId id, String model) {
        DirectSql.Binder idAndModel = statement -> {
            d.uuid(id.value()).apply(1, statement, null);
            statement.setString(2, model);
        };
        if (DirectSql.update(handle, "UPDATE prompt_models SET uses = uses + 1 WHERE prompt_id = ? AND model = ?", idAndModel) == 0) {
            DirectSql.update(handle, "INSERT INTO prompt_models (prompt_id, model, uses) VALUES (?, ?, 1)", idAndModel);
        }
    }

    @Override
    public Map<String, Long> modelUses(PromptId id) {
        Map<String, Long> uses = new LinkedHashMap<>();
        handle.createQuery("SELECT model, uses FROM prompt_models WHERE prompt_id = :id ORDER BY model")
                .bind("id", d.uuid(id.value()))
                .map((rs, ctx) -> Map.entry(rs.getString("model"), rs.getLong("uses")))
                .forEach(e -> uses.put(e.getKey(), e.getValue()));
        return uses;
    }

    @Override
    public List<Scored> search(List<String> terms, String model, Double afterScore, PromptId afterId, int limit) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        Optional<String> page = model == null ? d.promptSearchPage(COLUMNS, terms, afterScore != null, arguments) : Optional.empty();
        if (page.isPresent()) {
            return page(page.get(), arguments, afterScore, afterId, limit).map((rs, ctx) -> new Scored(prompt(rs), rs.getDouble("score"))).list();
        }
        Dialect.PromptSearch search = d.promptSearch(terms, arguments);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + ", " + search.score() + " AS score FROM " + search.from()
                + " WHERE " + search.condition());
        if (model != null) {
            sql.append(" AND").append(MODEL_FILTER);
        }
        if (afterScore != null) {
            sql.append(" AND (").append(search.score()).append(" > :afterScore OR (").append(search.score())
                    .append(" = :afterScore AND p.id > :afterId))");
        }
        sql.append(" ORDER BY score, p.id LIMIT :limit");
        Query query = page(sql.toString(), arguments, afterScore, afterId, limit);
        if (model != null) {
            query.bind("model", model);
        }
        return query.map((rs, ctx) -> new Scored(prompt(rs), rs.getDouble("score"))).list();
    }

    private Query page(String sql, Map<String, Object> arguments, Double afterScore, PromptId afterId, int limit) {
        Query query = handle.createQuery(sql).bind("limit", limit);
        arguments.forEach(query::bind);
        if (afterScore != null) {
            query.bind("afterScore", afterScore.doubleValue());
            query.bind("afterId", d.uuid(afterId.value()));
        }
        return query;
    }

    @Override
    public List<Prompt> popular(String model, Long afterUses, PromptId afterId, int limit) {
        StringBuilder sql = new StringBuilder(PROMPT + " WHERE 1 = 1");
        if (model != null) {
            sql.append(" AND").append(MODEL_FILTER);
        }
        if (afterUses != null) {
            sql.append(" AND (p.total_uses < :afterUses OR (p.total_uses = :afterUses AND p.id > :afterId))");
        }
        sql.append(" ORDER BY p.total_uses DESC, p.id LIMIT :limit");
        Query query = handle.createQuery(sql.toString()).bind("limit", limit);
        if (model != null) {
            query.bind("model", model);
        }
        if (afterUses != null) {
            query.bind("afterUses", afterUses.longValue());
            query.bind("afterId", d.uuid(afterId.value()));
        }
        return query.map((rs, ctx) -> prompt(rs)).list();
    }

    @Override
    public List<Prompt> recent(String model, Instant afterTime, PromptId afterId, int limit) {
        StringBuilder sql = new StringBuilder(PROMPT + " WHERE 1 = 1");
        if (model != null) {
            sql.append(" AND").append(MODEL_FILTER);
        }
        if (afterTime != null) {
            sql.append(" AND (p.last_used_at < :afterTime OR (p.last_used_at = :afterTime AND p.id > :afterId))");
        }
        sql.append(" ORDER BY p.last_used_at DESC, p.id LIMIT :limit");
        Query query = handle.createQuery(sql.toString()).bind("limit", limit);
        if (model != null) {
            query.bind("model", model);
        }
        if (afterTime != null) {
            query.bind("afterTime", d.instant(afterTime));
            query.bind("afterId", d.uuid(afterId.value()));
        }
        return query.map((rs, ctx) -> prompt(rs)).list();
    }

    @Override
    public void putThumbnail(PromptThumbnailRow t) {
        handle.createUpdate("DELETE FROM prompt_thumbnails WHERE prompt_id = :id").bind("id", d.uuid(t.promptId().value())).execute();
        handle.createUpdate("INSERT INTO prompt_thumbnails (prompt_id, mime_type, width, height, content, storage_key,"
                        + " created_at) VALUES (:id, :mime, :width, :height, :content, :key, :created)")
                .bind("id", d.uuid(t.promptId().value()))
                .bind("mime", t.mimeType())
                .bind("width", t.width())
                .bind("height", t.height())
                .bindBySqlType("content", t.content(), Types.VARBINARY)
                .bind("key", t.storageKey())
                .bind("created", d.instant(t.createdAt()))
                .execute();
    }

    @Override
    public Optional<PromptThumbnailRow> thumbnail(PromptId id) {
        return handle.createQuery("SELECT prompt_id, mime_type, width, height, content, storage_key, created_at"
                        + " FROM prompt_thumbnails WHERE prompt_id = :id")
                .bind("id", d.uuid(id.value()))
                .map((rs, ctx) -> new PromptThumbnailRow(PromptId.of(d.uuid(rs, "prompt_id")), rs.getString("mime_type"),
                        rs.getInt("width"), rs.getInt("height"), rs.getBytes("content"), rs.getString("storage_key"),
                        d.instant(rs, "created_at")))
                .findOne();
    }

    @Override
    public List<String> thumbnailKeysUnusedBefore(Instant cutoff) {
        return handle.createQuery("SELECT t.storage_key FROM prompt_thumbnails t JOIN prompts p ON p.id = t.prompt_id"
                        + " WHERE p.last_used_at < :cutoff AND t.storage_key IS NOT NULL")
                .bind("cutoff", d.instant(cutoff))
                .mapTo(String.class)
                .list();
    }

    @Override
    public long countThumbnails() {
        return handle.createQuery("SELECT COUNT(*) FROM prompt_thumbnails").mapTo(Long.class).one();
    }

    @Override
    public int deleteWithoutThumbnails() {
        String without = "SELECT id FROM prompts WHERE NOT EXISTS (SELECT 1 FROM prompt_thumbnails t WHERE t.prompt_id = prompts.id)";
        handle.createUpdate("DELETE FROM prompt_models WHERE prompt_id IN (" + without + ")").execute();
        return handle.createUpdate("DELETE FROM prompts WHERE NOT EXISTS (SELECT 1 FROM prompt_thumbnails t"
                + " WHERE t.prompt_id = prompts.id)").execute();
    }

    @Override
    public long countPrompts() {
        return handle.createQuery("SELECT COUNT(*) FROM prompts").mapTo(Long.class).one();
    }

    @Override
    public long sumUses() {
        return handle.createQuery("SELECT COALESCE(SUM(total_uses), 0) FROM prompts").mapTo(Long.class).one();
    }

    @Override
    public Map<String, Long> usesPerModel() {
        Map<String, Long> uses = new LinkedHashMap<>();
        handle.createQuery("SELECT model, SUM(uses) AS uses FROM prompt_models GROUP BY model ORDER BY model")
                .map((rs, ctx) -> Map.entry(rs.getString("model"), rs.getLong("uses")))
                .forEach(e -> uses.put(e.getKey(), e.getValue()));
        return uses;
    }

    @Override
    public boolean delete(PromptId id) {
        for (String table : List.of("prompt_thumbnails", "prompt_models")) {
            handle.createUpdate("DELETE FROM " + table + " WHERE prompt_id = :id").bind("id", d.uuid(id.value())).execute();
        }
        return handle.createUpdate("DELETE FROM prompts WHERE id = :id").bind("id", d.uuid(id.value())).execute() == 1;
    }

    @Override
    public int deleteUnusedBefore(Instant cutoff) {
        handle.createUpdate("DELETE FROM prompt_thumbnails WHERE prompt_id IN (SELECT id FROM prompts WHERE last_used_at < :cutoff)")
                .bind("cutoff", d.instant(cutoff))
                .execute();
        handle.createUpdate("DELETE FROM prompt_models WHERE prompt_id IN (SELECT id FROM prompts WHERE last_used_at < :cutoff)")
                .bind("cutoff", d.instant(cutoff))
                .execute();
        return handle.createUpdate("DELETE FROM prompts WHERE last_used_at < :cutoff").bind("cutoff", d.instant(cutoff)).execute();
    }

    private Prompt prompt(ResultSet rs) throws SQLException {
        return new Prompt(PromptId.of(d.uuid(rs, "id")), rs.getString("text"), rs.getString("normalized"),
                rs.getString("hash"), rs.getLong("total_uses"), d.instant(rs, "first_used_at"), d.instant(rs, "last_used_at"));
    }
}
