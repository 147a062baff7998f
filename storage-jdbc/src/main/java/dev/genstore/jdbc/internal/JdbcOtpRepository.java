package dev.genstore.jdbc.internal;

import dev.genstore.auth.ChallengeId;
import dev.genstore.jdbc.Dialect;
import dev.genstore.spi.OtpChallengeRecord;
import dev.genstore.spi.OtpLimitRecord;
import dev.genstore.spi.OtpRepository;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

final class JdbcOtpRepository implements OtpRepository {
    private final Handle handle;
    private final Dialect d;

    JdbcOtpRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    @Override
    public void insert(OtpChallengeRecord c) {
        handle.createUpdate("INSERT INTO otp_challenges (id, email, salt, code_hash, attempts, max_attempts, created_at,"
                        + " expires_at, used_at) VALUES (:id, :email, :salt, :hash, :attempts, :max, :created, :expires, :used)")
                .bind("id", d.uuid(c.id().value()))
                .bind("email", c.email())
                .bind("salt", c.salt())
                .bind("hash", c.codeHash())
                .bind("attempts", c.attempts())
                .bind("max", c.maxAttempts())
                .bind("created", d.instant(c.createdAt()))
                .bind("expires", d.instant(c.expiresAt()))
                .bind("used", d.instant(c.usedAt()))
                .execute();
    }

    @Override
    public int deleteByEmail(String normalizedEmail) {
        return handle.createUpdate("DELETE FROM otp_challenges WHERE email = :email").bind("email", normalizedEmail).execute();
    }

    @Override
    public Optional<OtpChallengeRecord> latestForUpdate(String normalizedEmail) {
        return handle.createQuery("SELECT id, email, salt, code_hash, attempts, max_attempts, created_at, expires_at,"
                        + " used_at FROM otp_challenges WHERE email = :email ORDER BY created_at DESC, id DESC LIMIT 1"
                        + d.forUpdate())
                .bind("email", normalizedEmail)
                .map((rs, ctx) -> new OtpChallengeRecord(new ChallengeId(d.uuid(rs, "id")), rs.getString("email"),
                        rs.getBytes("salt"), rs.getBytes("code_hash"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                        d.instant(rs, "created_at"), d.instant(rs, "expires_at"), d.instant(rs, "used_at")))
                .findOne();
    }

    @Override
    public void recordFailedAttempt(ChallengeId id) {
        handle.createUpdate("UPDATE otp_challenges SET attempts = attempts + 1 WHERE id = :id")
                .bind("id", d.uuid(id.value()))
                .execute();
    }

    @Override
    public void markUsed(ChallengeId id, Instant usedAt) {
        handle.createUpdate("UPDATE otp_challenges SET used_at = :used WHERE id = :id")
                .bind("used", d.instant(usedAt))
                .bind("id", d.uuid(id.value()))
                .execute();
    }

    @Override
    public OtpLimitRecord lockLimits(String normalizedEmail, Instant now) {
        Optional<OtpLimitRecord> stored = handle.createQuery("SELECT email, issue_window_end, issues, failure_window_end,"
                        + " failures FROM otp_limits WHERE email = :email" + d.forUpdate())
                .bind("email", normalizedEmail)
                .map((rs, ctx) -> new OtpLimitRecord(rs.getString("email"), d.instant(rs, "issue_window_end"),
                        rs.getInt("issues"), d.instant(rs, "failure_window_end"), rs.getInt("failures")))
                .findOne();
        if (stored.isPresent()) {
            return stored.get();
        }
        // Two first attempts for one email may both get here: the second insert violates the key, which the storage
        // treats as transient and runs the transaction again, then finding (and waiting for the lock on) this row.
        OtpLimitRecord fresh = new OtpLimitRecord(normalizedEmail, now, 0, now, 0);
        handle.createUpdate("INSERT INTO otp_limits (email, issue_window_end, issues, failure_window_end, failures)"
                        + " VALUES (:email, :issueEnd, 0, :failureEnd, 0)")
                .bind("email", normalizedEmail)
                .bind("issueEnd", d.instant(now))
                .bind("failureEnd", d.instant(now))
                .execute();
        return fresh;
    }

    @Override
    public void updateLimits(OtpLimitRecord limits) {
        handle.createUpdate("UPDATE otp_limits SET issue_window_end = :issueEnd, issues = :issues,"
                        + " failure_window_end = :failureEnd, failures = :failures WHERE email = :email")
                .bind("issueEnd", d.instant(limits.issueWindowEnd()))
                .bind("issues", limits.issues())
                .bind("failureEnd", d.instant(limits.failureWindowEnd()))
                .bind("failures", limits.failures())
                .bind("email", limits.email())
                .execute();
    }

    @Override
    public int deleteEndedLimits(Instant now) {
        return handle.createUpdate("DELETE FROM otp_limits WHERE issue_window_end <= :now AND failure_window_end <= :now")
                .bind("now", d.instant(now))
                .execute();
    }

    @Override
    public int deleteExpiredOrUsed(Instant now) {
        return handle.createUpdate("DELETE FROM otp_challenges WHERE expires_at <= :now OR used_at IS NOT NULL")
                .bind("now", d.instant(now))
                .execute();
    }
}
