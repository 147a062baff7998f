package dev.genstore.benchmarks.workloads;

import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.Binding;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The SQL genstore's JDBC repositories run for users, jobs and images, written out for the hand-written baselines
 * (JdbcUserRepository.find, JdbcJobRepository.lockJob/updateJob/lockClaimable/lockProviderLimits,
 * JdbcImageRepository.insert/listBefore), with values bound and read as genstore's dialects do. The statements are
 * copied, not shared: a change in genstore's SQL must be made here too, or the baseline measures other work.
 */
final class Statements {
    static final String SELECT_USER = "SELECT id, email, display_name, language, created_at, updated_at FROM users WHERE id = ?";
    static final String SELECT_ROLES = "SELECT user_id, role FROM user_roles WHERE user_id IN (?)";
    static final String SELECT_IDENTITIES = "SELECT user_id, provider, subject FROM user_identities WHERE user_id IN (?)"
            + " ORDER BY provider, subject";

    static final String JOB_COLUMNS = "SELECT id, owner_id, configuration_id, prompt, parameters, provider, model, token_cost,"
            + " priority, status, total_images, successful_images, failed_images, attempts, max_attempts, run_after,"
            + " lease_owner, lease_expires_at, error_message, idempotency_key, hold_id, created_at, started_at, completed_at"
            + " FROM jobs";
    static final String UPDATE_JOB = "UPDATE jobs SET status = ?, outcome = ?, successful_images = ?,"
            + " failed_images = ?, attempts = ?, run_after = ?, lease_owner = ?,"
            + " lease_expires_at = ?, error_message = ?, started_at = ?,"
            + " completed_at = ? WHERE id = ?";

    static final String IMAGE_COLUMNS = "i.id, i.owner_id, i.job_id, i.type, i.status, i.error_message, i.title,"
            + " i.description, i.prompt, i.seed, i.model, i.processing_settings, i.metadata, i.qc_status, i.qc_reason,"
            + " i.format, i.width, i.height, i.byte_count, i.sha256, i.storage_key, i.tokens_used, i.created_at, i.updated_at";
    static final String INSERT_VARIANT = "INSERT INTO image_variants (image_id, kind, format, width, height,"
            + " byte_count, storage_key) VALUES (?, ?, ?, ?, ?, ?, ?)";
    static final String INSERT_TAG = "INSERT INTO image_tags (image_id, owner_id, tag) VALUES (?, ?, ?)";

    final Binding bind;
    /** PostgreSQL: JSON columns are {@code json}, written through {@code CAST(? AS json)}. */
    final boolean postgres;
    final String forUpdate;
    final String forUpdateSkipLocked;
    final String insertImage;
    final String insertJob;
    final String lockJob;
    final String claimQueued;
    final String claimExpired;
    final String lockProviderLimits;
    final String listImages;

    Statements(Backend backend) {
        this.postgres = backend.name().equals("postgres");
        this.bind = backend.name().equals("sqlite") ? Binding.SQLITE : Binding.STANDARD;
        boolean rowLocks = !backend.name().equals("sqlite");
        this.forUpdate = rowLocks ? " FOR UPDATE" : "";
        this.forUpdateSkipLocked = rowLocks ? " FOR UPDATE SKIP LOCKED" : "";
        String json = postgres ? "CAST(? AS json)" : "?";
        this.insertImage = "INSERT INTO images (id, owner_id, job_id, type, status, error_message, title, description,"
                + " prompt, seed, model, processing_settings, metadata, qc_status, qc_reason, format, width, height,"
                + " byte_count, sha256, storage_key, tokens_used, created_at, updated_at) VALUES (?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, " + json + ", " + json + ", ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?)";
        this.insertJob = "INSERT INTO jobs (id, owner_id, configuration_id, prompt, parameters, provider, model,"
                + " token_cost, priority, status, total_images, successful_images, failed_images, attempts,"
                + " max_attempts, run_after, lease_owner, lease_expires_at, error_message, idempotency_key, hold_id,"
                + " created_at, started_at, completed_at) VALUES (?, ?, ?, ?, " + json + ", ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        this.lockJob = JOB_COLUMNS + " WHERE id = ?" + forUpdate;
        this.claimQueued = JOB_COLUMNS + " WHERE status = 'QUEUED' AND run_after <= ?"
                + " ORDER BY priority DESC, created_at, id LIMIT ?" + forUpdateSkipLocked;
        this.claimExpired = JOB_COLUMNS + " WHERE status = 'RUNNING' AND lease_expires_at <= ?"
                + " ORDER BY priority DESC, created_at, id LIMIT ?" + forUpdateSkipLocked;
        this.lockProviderLimits = "SELECT provider, max_running FROM provider_limits WHERE provider IN (?)"
                + " ORDER BY provider" + forUpdate;
        this.listImages = "SELECT " + IMAGE_COLUMNS + " FROM images i WHERE i.owner_id = ? ORDER BY i.id DESC LIMIT ?";
    }

    // ---- binding and reading as the dialects do ---------------------------------------------------------------

    void uuid(PreparedStatement statement, int index, UUID value) throws SQLException {
        bind.uuid(statement, index, value);
    }

    /** An instant, or SQL NULL. */
    void instant(PreparedStatement statement, int index, Instant value) throws SQLException {
        if (value != null) {
            bind.instant(statement, index, value);
        } else if (bind == Binding.SQLITE) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        }
    }

    UUID uuid(ResultSet rs, String column) throws SQLException {
        if (bind == Binding.SQLITE) {
            String text = rs.getString(column);
            return text == null ? null : UUID.fromString(text);
        }
        return rs.getObject(column, UUID.class);
    }

    Instant instant(ResultSet rs, String column) throws SQLException {
        if (bind == Binding.SQLITE) {
            long micros = rs.getLong(column);
            return rs.wasNull() ? null
                    : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        }
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** {@code sql} with its one {@code IN (?)} widened to {@code count} placeholders. */
    static String in(String sql, int count) {
        StringBuilder marks = new StringBuilder("?");
        for (int i = 1; i < count; i++) {
            marks.append(", ?");
        }
        return sql.replace("IN (?)", "IN (" + marks + ")");
    }

    // ---- statements shared by the baselines --------------------------------------------------------------------

    /** genstore's requireUser: users().find(id), three queries (the row, its roles, its identities). */
    boolean findUser(Connection c, UUID user) throws SQLException {
        boolean found;
        try (PreparedStatement select = c.prepareStatement(SELECT_USER)) {
            uuid(select, 1, user);
            try (ResultSet rs = select.executeQuery()) {
                found = rs.next();
                if (found) {
                    rs.getString("email");
                    rs.getString("language");
                }
            }
        }
        if (!found) {
            return false;
        }
        try (PreparedStatement select = c.prepareStatement(SELECT_ROLES)) {
            uuid(select, 1, user);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rs.getString("role");
                }
            }
        }
        try (PreparedStatement select = c.prepareStatement(SELECT_IDENTITIES)) {
            uuid(select, 1, user);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rs.getString("subject");
                }
            }
        }
        return true;
    }

    /** The columns of a jobs row a hand-written worker reads to move the job on (and to hand it to the worker). */
    record JobRow(UUID id, UUID owner, String prompt, String parameters, String provider, String model, int priority,
                  String status, int totalImages, int successfulImages, int failedImages, int attempts,
                  int maxAttempts, Instant runAfter, String leaseOwner, Instant leaseExpiresAt, String errorMessage,
                  UUID holdId, Instant createdAt, Instant startedAt, Instant completedAt) {
    }

    JobRow jobRow(ResultSet rs) throws SQLException {
        return new JobRow(uuid(rs, "id"), uuid(rs, "owner_id"), rs.getString("prompt"), rs.getString("parameters"),
                rs.getString("provider"), rs.getString("model"), rs.getInt("priority"), rs.getString("status"),
                rs.getInt("total_images"), rs.getInt("successful_images"), rs.getInt("failed_images"),
                rs.getInt("attempts"), rs.getInt("max_attempts"), instant(rs, "run_after"), rs.getString("lease_owner"),
                instant(rs, "lease_expires_at"), rs.getString("error_message"), uuid(rs, "hold_id"),
                instant(rs, "created_at"), instant(rs, "started_at"), instant(rs, "completed_at"));
    }

    /** genstore's lockJob: the row, locked where the database has row locks; null when missing. */
    JobRow lockJob(Connection c, UUID job) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(lockJob)) {
            uuid(select, 1, job);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? jobRow(rs) : null;
            }
        }
    }

    /** genstore's updateJob: every column a move may change. */
    void updateJob(Connection c, UUID id, String status, boolean finished, int successful, int failed, int attempts,
                   Instant runAfter, String leaseOwner, Instant leaseExpiresAt, String error, Instant startedAt,
                   Instant completedAt) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(UPDATE_JOB)) {
            update.setString(1, status);
            update.setString(2, finished ? status : null);
            update.setInt(3, successful);
            update.setInt(4, failed);
            update.setInt(5, attempts);
            instant(update, 6, runAfter);
            update.setString(7, leaseOwner);
            instant(update, 8, leaseExpiresAt);
            update.setString(9, error);
            instant(update, 10, startedAt);
            instant(update, 11, completedAt);
            uuid(update, 12, id);
            update.executeUpdate();
        }
    }

    /** A COMPLETED image row with its content columns, as genstore's store writes it (no title, no QC yet). */
    record ImageRow(UUID id, UUID owner, UUID job, String prompt, Long seed, String model, String format, int width,
                    int height, long bytes, String sha256, String storageKey, long tokensUsed, Instant createdAt,
                    Instant updatedAt) {
    }

    /** One variant row. */
    record VariantRow(String kind, String format, int width, int height, long bytes, String storageKey) {
    }

    /** Binds an images row as genstore's insert does (processing settings and metadata as JSON text). */
    void bindImage(PreparedStatement insert, ImageRow row, String settingsJson, String metadataJson) throws SQLException {
        uuid(insert, 1, row.id());
        uuid(insert, 2, row.owner());
        uuid(insert, 3, row.job());
        insert.setString(4, "GENERATED");
        insert.setString(5, "COMPLETED");
        insert.setString(6, null);
        insert.setString(7, null);
        insert.setString(8, null);
        insert.setString(9, row.prompt());
        if (row.seed() == null) {
            insert.setNull(10, Types.BIGINT);
        } else {
            insert.setLong(10, row.seed());
        }
        insert.setString(11, row.model());
        insert.setString(12, settingsJson);
        insert.setString(13, metadataJson);
        insert.setString(14, "PENDING");
        insert.setString(15, null);
        insert.setString(16, row.format());
        insert.setInt(17, row.width());
        insert.setInt(18, row.height());
        insert.setLong(19, row.bytes());
        insert.setString(20, row.sha256());
        insert.setString(21, row.storageKey());
        insert.setLong(22, row.tokensUsed());
        bind.instant(insert, 23, row.createdAt());
        bind.instant(insert, 24, row.updatedAt());
    }

    void bindVariant(PreparedStatement insert, UUID image, VariantRow v) throws SQLException {
        uuid(insert, 1, image);
        insert.setString(2, v.kind());
        insert.setString(3, v.format());
        insert.setInt(4, v.width());
        insert.setInt(5, v.height());
        insert.setLong(6, v.bytes());
        insert.setString(7, v.storageKey());
    }

    /** genstore's images().insert for an image without tags: the row, then its variants in one batch. */
    void insertImage(Connection c, ImageRow row, List<VariantRow> variants, String settingsJson, String metadataJson)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(insertImage)) {
            bindImage(insert, row, settingsJson, metadataJson);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement(INSERT_VARIANT)) {
            for (VariantRow v : variants) {
                bindVariant(insert, row.id(), v);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
