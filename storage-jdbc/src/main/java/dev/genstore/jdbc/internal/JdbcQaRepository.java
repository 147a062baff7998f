package dev.genstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.StorageException;
import dev.genstore.images.ImageId;
import dev.genstore.jdbc.Dialect;
import dev.genstore.jobs.JobId;
import dev.genstore.qa.CheckStatus;
import dev.genstore.qa.QualityCheck;
import dev.genstore.qa.QualityCheckId;
import dev.genstore.qa.Regeneration;
import dev.genstore.spi.QaRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;

final class JdbcQaRepository implements QaRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<TreeMap<String, Double>> SCORES = new TypeReference<>() { };
    private static final TypeReference<List<String>> REASONS = new TypeReference<>() { };
    private static final String CHECK = "SELECT id, image_id, owner_id, checker, status, overall_score, scores, reasons,"
            + " reviewer, review_note, created_at, checked_at, reviewed_at FROM quality_checks";
    private static final String REGENERATION = "SELECT job_id, owner_id, image_id, check_id, reason, created_at FROM regenerations";

    private final Handle handle;
    private final Dialect d;

    JdbcQaRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    @Override
    public void insertCheck(QualityCheck c) {
        handle.createUpdate("INSERT INTO quality_checks (id, image_id, owner_id, checker, status, overall_score, scores,"
                        + " reasons, reviewer, review_note, created_at, checked_at, reviewed_at) VALUES (:id, :image, :owner,"
                        + " :checker, :status, :overall, :scores, :reasons, :reviewer, :note, :created, :checked, :reviewed)")
                .bind("id", d.uuid(c.id().value()))
                .bind("image", d.uuid(c.imageId().value()))
                .bind("owner", d.uuid(c.owner().value()))
                .bind("checker", c.checker())
                .bind("status", c.status().name())
                .bind("overall", c.overallScore())
                .bind("scores", write(c.scores()))
                .bind("reasons", write(c.reasons()))
                .bind("reviewer", c.reviewer())
                .bind("note", c.reviewNote())
                .bind("created", d.instant(c.createdAt()))
                .bind("checked", d.instant(c.checkedAt()))
                .bind("reviewed", d.instant(c.reviewedAt()))
                .execute();
    }

    @Override
    public Optional<QualityCheck> findCheck(UserId owner, QualityCheckId id) {
        return check(owner, id, "");
    }

    @Override
    public Optional<QualityCheck> lockCheck(UserId owner, QualityCheckId id) {
        return check(owner, id, d.forUpdate());
    }

    private Optional<QualityCheck> check(UserId owner, QualityCheckId id, String lock) {
        return handle.createQuery(CHECK + " WHERE id = :id AND owner_id = :owner" + lock)
                .bind("id", d.uuid(id.value()))
                .bind("owner", d.uuid(owner.value()))
                .map((rs, ctx) -> check(rs))
                .findOne();
    }

    @Override
    public void updateCheck(QualityCheck c) {
        handle.createUpdate("UPDATE quality_checks SET status = :status, overall_score = :overall, scores = :scores,"
                        + " reasons = :reasons, reviewer = :reviewer, review_note = :note, checked_at = :checked,"
                        + " reviewed_at = :reviewed WHERE id = :id")
                .bind("id", d.uuid(c.id().value()))
                .bind("status", c.status().name())
                .bind("overall", c.overallScore())
                .bind("scores", write(c.scores()))
                .bind("reasons", write(c.reasons()))
                .bind("reviewer", c.reviewer())
                .bind("note", c.reviewNote())
                .bind("checked", d.instant(c.checkedAt()))
                .bind("reviewed", d.instant(c.reviewedAt()))
                .execute();
    }

    @Override
    public List<QualityCheck> checks(UserId owner, ImageId image) {
        return handle.createQuery(CHECK + " WHERE image_id = :image AND owner_id = :owner ORDER BY created_at DESC, id DESC")
                .bind("image", d.uuid(image.value()))
                .bind("owner", d.uuid(owner.value()))
                .map((rs, ctx) -> check(rs))
                .list();
    }

    @Override
    public Optional<QualityCheckId> latestCheck(ImageId image) {
        return handle.createQuery("SELECT id FROM quality_checks WHERE image_id = :image ORDER BY created_at DESC, id DESC LIMIT 1")
                .bind("image", d.uuid(image.value()))
                .map((rs, ctx) -> QualityCheckId.of(d.uuid(rs, "id")))
                .findOne();
    }

    @Override
    public void insertRegeneration(Regeneration g) {
        handle.createUpdate("INSERT INTO regenerations (job_id, owner_id, image_id, check_id, reason, created_at)"
                        + " VALUES (:job, :owner, :image, :check, :reason, :created)")
                .bind("job", d.uuid(g.jobId().value()))
                .bind("owner", d.uuid(g.owner().value()))
                .bind("image", d.uuid(g.imageId().value()))
                .bind("check", d.uuid(g.checkId().value()))
                .bind("reason", g.reason())
                .bind("created", d.instant(g.createdAt()))
                .execute();
    }

    @Override
    public Optional<Regeneration> regenerationOf(JobId job) {
        return handle.createQuery(REGENERATION + " WHERE job_id = :job")
                .bind("job", d.uuid(job.value()))
                .map((rs, ctx) -> regeneration(rs))
                .findOne();
    }

    @Override
    public List<Regeneration> regenerations(UserId owner, ImageId image) {
        return handle.createQuery(REGENERATION + " WHERE image_id = :image AND owner_id = :owner ORDER BY created_at DESC, job_id DESC")
                .bind("image", d.uuid(image.value()))
                .bind("owner", d.uuid(owner.value()))
                .map((rs, ctx) -> regeneration(rs))
                .list();
    }

    private QualityCheck check(ResultSet rs) throws SQLException {
        double overall = rs.getDouble("overall_score");
        Double overallScore = rs.wasNull() ? null : overall;
        return new QualityCheck(QualityCheckId.of(d.uuid(rs, "id")), UserId.of(d.uuid(rs, "owner_id")),
                ImageId.of(d.uuid(rs, "image_id")), rs.getString("checker"), CheckStatus.valueOf(rs.getString("status")),
                overallScore, Collections.unmodifiableMap(read(rs.getString("scores"), SCORES)),
                List.copyOf(read(rs.getString("reasons"), REASONS)), rs.getString("reviewer"), rs.getString("review_note"),
                d.instant(rs, "created_at"), d.instant(rs, "checked_at"), d.instant(rs, "reviewed_at"));
    }

    private Regeneration regeneration(ResultSet rs) throws SQLException {
        return new Regeneration(JobId.of(d.uuid(rs, "job_id")), UserId.of(d.uuid(rs, "owner_id")),
                ImageId.of(d.uuid(rs, "image_id")), QualityCheckId.of(d.uuid(rs, "check_id")), rs.getString("reason"),
                d.instant(rs, "created_at"));
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StorageException("unreadable JSON column: " + e.getMessage(), false, e);
        }
    }

}
