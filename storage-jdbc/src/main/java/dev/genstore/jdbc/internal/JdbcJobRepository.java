package dev.genstore.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.Dialect;
import dev.genstore.jobs.CaptureRule;
import dev.genstore.jobs.ConfigurationId;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatistics;
import dev.genstore.jobs.JobStatus;
import dev.genstore.ledger.HoldId;
import dev.genstore.spi.JobRepository;
import dev.genstore.spi.QueueDepthRow;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.Update;

final class JdbcJobRepository implements JobRepository {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    private static final String CONFIGURATION = "SELECT id, owner_id, name, settings, created_at, updated_at FROM job_configurations";
    private static final String JOB = "SELECT id, owner_id, configuration_id, prompt, parameters, provider, model, token_cost,"
            + " priority, status, total_images, successful_images, failed_images, attempts, max_attempts, run_after,"
            + " lease_owner, lease_expires_at, error_message, idempotency_key, hold_id, created_at, started_at, completed_at,"
            + " capture_rule FROM jobs";
    /** The claim order: highest priority, then oldest; the id breaks ties the same way on every backend. */
    private static final Comparator<Job> CLAIM_ORDER = Comparator.comparingInt(Job::priority).reversed()
            .thenComparing(Job::createdAt).thenComparing(job -> job.id().value().toString());

    private final Handle handle;
    private final Dialect d;

    JdbcJobRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    @Override
    public void insertConfiguration(JobConfiguration c) {
        handle.createUpdate("INSERT INTO job_configurations (id, owner_id, name, settings, created_at, updated_at)"
                        + " VALUES (:id, :owner, :name, " + d.jsonParameter(":settings") + ", :created, :updated)")
                .bind("id", d.uuid(c.id().value()))
                .bind("owner", d.uuid(c.owner().value()))
                .bind("name", c.name())
                .bind("settings", write(c.settings()))
                .bind("created", d.instant(c.createdAt()))
                .bind("updated", d.instant(c.updatedAt()))
                .execute();
    }

    @Override
    public Optional<JobConfiguration> findConfiguration(ConfigurationId id) {
        return handle.createQuery(CONFIGURATION + " WHERE id = :id")
                .bind("id", d.uuid(id.value()))
                .map((rs, ctx) -> configuration(rs))
                .findOne();
    }

    @Override
    public Optional<JobConfiguration> findConfiguration(UserId owner, String name) {
        return handle.createQuery(CONFIGURATION + " WHERE owner_id = :owner AND name = :name")
                .bind("owner", d.uuid(owner.value()))
                .bind("name", name)
                .map((rs, ctx) -> configuration(rs))
                .findOne();
    }

    @Override
    public void updateConfiguration(JobConfiguration c) {
        handle.createUpdate("UPDATE job_configurations SET name = :name, settings = " + d.jsonParameter(":settings")
                        + ", updated_at = :updated WHERE id = :id")
                .bind("name", c.name())
                .bind("settings", write(c.settings()))
                .bind("updated", d.instant(c.updatedAt()))
                .bind("id", d.uuid(c.id().value()))
                .execute();
    }

    @Override
    public boolean deleteConfiguration(ConfigurationId id) {
        return handle.createUpdate("DELETE FROM job_configurations WHERE id = :id").bind("id", d.uuid(id.value())).execute() > 0;
    }

    @Override
    public List<JobConfiguration> configurationsAfter(UserId owner, String afterName, int limit) {
        Query query = handle.createQuery(CONFIGURATION + " WHERE owner_id = :owner"
                        + (afterName == null ? "" : " AND name > :after") + " ORDER BY name LIMIT :limit")
                .bind("owner", d.uuid(owner.value()))
                .bind("limit", limit);
        if (afterName != null) {
            query.bind("after", afterName);
        }
        return query.map((rs, ctx) -> configuration(rs)).list();
    }

    @Override
    public void insertJob(Job j) {
        handle.createUpdate("INSERT INTO jobs (id, owner_id, configuration_id, prompt, parameters, provider, model,"
                        + " token_cost, priority, status, total_images, successful_images, failed_images, attempts,"
                        + " max_attempts, run_after, lease_owner, lease_expires_at, error_message, idempotency_key, hold_id,"
                        + " created_at, started_at, completed_at, capture_rule) VALUES (:id, :owner, :configuration, :prompt, "
                        + d.jsonParameter(":parameters") + ", :provider, :model, :cost, :priority, :status, :total,"
                        + " :successful, :failed, :attempts, :max, :runAfter, :leaseOwner, :leaseExpires, :error, :key,"
                        + " :hold, :created, :started, :completed, :captureRule)")
                .bind("id", d.uuid(j.id().value()))
                .bind("owner", d.uuid(j.owner().value()))
                .bind("configuration", d.uuid(j.configurationId() == null ? null : j.configurationId().value()))
                .bind("prompt", j.prompt())
                .bind("parameters", write(j.parameters()))
                .bind("provider", j.provider())
                .bind("model", j.model())
                .bind("cost", j.tokenCost())
                .bind("priority", j.priority())
                .bind("status", j.status().name())
                .bind("total", j.totalImages())
                .bind("successful", j.successfulImages())
                .bind("failed", j.failedImages())
                .bind("attempts", j.attempts())
                .bind("max", j.maxAttempts())
                .bind("runAfter", d.instant(j.runAfter()))
                .bind("leaseOwner", j.leaseOwner())
                .bind("leaseExpires", d.instant(j.leaseExpiresAt()))
                .bind("error", j.errorMessage())
                .bind("key", j.idempotencyKey())
                .bind("hold", d.uuid(j.holdId() == null ? null : j.holdId().value()))
                .bind("created", d.instant(j.createdAt()))
                .bind("started", d.instant(j.startedAt()))
                .bind("completed", d.instant(j.completedAt()))
                .bind("captureRule", j.captureRule().name())
                .execute();
    }

    @Override
    public Optional<Job> findJob(JobId id) {
        return handle.createQuery(JOB + " WHERE id = :id").bind("id", d.uuid(id.value())).map((rs, ctx) -> job(rs)).findOne();
    }

    @Override
    public Optional<Job> lockJob(JobId id) {
        return handle.createQuery(JOB + " WHERE id = :id" + d.forUpdate())
                .bind("id", d.uuid(id.value()))
                .map((rs, ctx) -> job(rs))
                .findOne();
    }

    @Override
    public Optional<Job> findByIdempotencyKey(UserId owner, String key) {
        return handle.createQuery(JOB + " WHERE owner_id = :owner AND idempotency_key = :key")
                .bind("owner", d.uuid(owner.value()))
                .bind("key", key)
                .map((rs, ctx) -> job(rs))
                .findOne();
    }

    @Override
    public void updateJob(Job j) {
        handle.createUpdate("UPDATE jobs SET status = :status, outcome = :outcome, successful_images = :successful,"
                        + " failed_images = :failed, attempts = :attempts, run_after = :runAfter, lease_owner = :leaseOwner,"
                        + " lease_expires_at = :leaseExpires, error_message = :error, started_at = :started,"
                        + " completed_at = :completed WHERE id = :id")
                .bind("status", j.status().name())
                .bind("outcome", j.status().isFinished() ? j.status().name() : null)
                .bind("successful", j.successfulImages())
                .bind("failed", j.failedImages())
                .bind("attempts", j.attempts())
                .bind("runAfter", d.instant(j.runAfter()))
                .bind("leaseOwner", j.leaseOwner())
                .bind("leaseExpires", d.instant(j.leaseExpiresAt()))
                .bind("error", j.errorMessage())
                .bind("started", d.instant(j.startedAt()))
                .bind("completed", d.instant(j.completedAt()))
                .bind("id", d.uuid(j.id().value()))
                .execute();
    }

    @Override
    public List<Job> lockClaimable(Instant now, int limit, Set<String> providers, Set<UserId> owners, Set<String> skipProviders) {
        // Two indexed queries rather than one with OR: each walks its own partial index in claim order.
        String filter = (providers.isEmpty() ? "" : " AND provider IN (<providers>)")
                + (owners.isEmpty() ? "" : " AND owner_id IN (<owners>)")
                + (skipProviders.isEmpty() ? "" : " AND provider NOT IN (<skip>)");
        ClaimFilter claimFilter = new ClaimFilter(providers, owners, skipProviders);
        List<Job> candidates = new ArrayList<>(claimable(JOB + " WHERE status = 'QUEUED' AND run_after <= :now" + filter
                + " ORDER BY priority DESC, created_at, id LIMIT :limit" + d.forUpdateSkipLocked(), now, limit, claimFilter));
        candidates.addAll(claimable(JOB + " WHERE status = 'RUNNING' AND lease_expires_at <= :now" + filter
                + " ORDER BY priority DESC, created_at, id LIMIT :limit" + d.forUpdateSkipLocked(), now, limit, claimFilter));
        candidates.sort(CLAIM_ORDER);
        return candidates.size() > limit ? candidates.subList(0, limit) : candidates;
    }

    @Override
    public List<Job> lockExpiredLeases(Instant now, int limit) {
        return claimable(JOB + " WHERE status = 'RUNNING' AND lease_expires_at <= :now"
                + " ORDER BY lease_expires_at, id LIMIT :limit" + d.forUpdateSkipLocked(), now, limit, ClaimFilter.NONE);
    }

    /** Which providers and owners a claim takes, and which providers it leaves out. */
    private record ClaimFilter(Set<String> providers, Set<UserId> owners, Set<String> skipProviders) {
        /** Every provider and owner. */
        static final ClaimFilter NONE = new ClaimFilter(Set.of(), Set.of(), Set.of());
    }

    private List<Job> claimable(String sql, Instant now, int limit, ClaimFilter filter) {
        Query query = handle.createQuery(sql).bind("now", d.instant(now)).bind("limit", limit);
        if (!filter.providers().isEmpty()) {
            query.bindList("providers", List.copyOf(filter.providers()));
        }
        if (!filter.owners().isEmpty()) {
            query.bindList("owners", filter.owners().stream().map(owner -> d.uuid(owner.value())).toList());
        }
        if (!filter.skipProviders().isEmpty()) {
            query.bindList("skip", List.copyOf(filter.skipProviders()));
        }
        return query.map((rs, ctx) -> job(rs)).list();
    }

    @Override
    public List<Job> lockJobsOf(ConfigurationId configuration) {
        return handle.createQuery(JOB + " WHERE configuration_id = :configuration ORDER BY id" + d.forUpdate())
                .bind("configuration", d.uuid(configuration.value()))
                .map((rs, ctx) -> job(rs))
                .list();
    }

    @Override
    public boolean deleteJob(JobId id) {
        return handle.createUpdate("DELETE FROM jobs WHERE id = :id").bind("id", d.uuid(id.value())).execute() > 0;
    }

    @Override
    public int moveAll(JobSelection selection, JobStatus from, JobStatus to) {
        // One statement: PostgreSQL (READ COMMITTED) and H2 re-check the status of a row they waited for, so a job a
        // claim took meanwhile is no longer in 'from' and stays as the claim left it.
        StringBuilder sql = new StringBuilder("UPDATE jobs SET status = :to WHERE status = :from");
        appendSelection(sql, selection);
        Update update = handle.createUpdate(sql.toString()).bind("to", to.name()).bind("from", from.name());
        bindSelection(update, selection);
        return update.execute();
    }

    @Override
    public Map<String, Integer> lockProviderLimits(Collection<String> providers) {
        Map<String, Integer> limits = new TreeMap<>();
        handle.createQuery("SELECT provider, max_running FROM provider_limits WHERE provider IN (<providers>)"
                        + " ORDER BY provider" + d.forUpdate())
                .bindList("providers", List.copyOf(providers))
                .map((rs, ctx) -> Map.entry(rs.getString("provider"), rs.getInt("max_running")))
                .forEach(e -> limits.put(e.getKey(), e.getValue()));
        return limits;
    }

    @Override
    public Map<String, Long> countRunning(Collection<String> providers, Instant now) {
        Map<String, Long> counts = new TreeMap<>();
        handle.createQuery("SELECT provider, COUNT(*) AS running FROM jobs WHERE status = 'RUNNING'"
                        + " AND lease_expires_at > :now AND provider IN (<providers>) GROUP BY provider")
                .bind("now", d.instant(now))
                .bindList("providers", List.copyOf(providers))
                .map((rs, ctx) -> Map.entry(rs.getString("provider"), rs.getLong("running")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    @Override
    public List<QueueDepthRow> queueDepths(Instant now) {
        return handle.createQuery("SELECT provider, COUNT(*) AS queued,"
                        + " MIN(CASE WHEN run_after <= :now THEN run_after END) AS oldest_due"
                        + " FROM jobs WHERE status = 'QUEUED' GROUP BY provider ORDER BY provider")
                .bind("now", d.instant(now))
                .map((rs, ctx) -> new QueueDepthRow(rs.getString("provider"), rs.getLong("queued"), d.instant(rs, "oldest_due")))
                .list();
    }

    @Override
    public void upsertProviderLimit(String provider, int maxRunning) {
        int updated = handle.createUpdate("UPDATE provider_limits SET max_running = :max WHERE provider = :provider")
                .bind("max", maxRunning)
                .bind("provider", provider)
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO provider_limits (provider, max_running) VALUES (:provider, :max)")
                    .bind("provider", provider)
                    .bind("max", maxRunning)
                    .execute();
        }
    }

    @Override
    public boolean deleteProviderLimit(String provider) {
        return handle.createUpdate("DELETE FROM provider_limits WHERE provider = :provider").bind("provider", provider).execute() > 0;
    }

    @Override
    public Map<String, Integer> providerLimits() {
        Map<String, Integer> limits = new LinkedHashMap<>();
        handle.createQuery("SELECT provider, max_running FROM provider_limits ORDER BY provider")
                .map((rs, ctx) -> Map.entry(rs.getString("provider"), rs.getInt("max_running")))
                .forEach(e -> limits.put(e.getKey(), e.getValue()));
        return limits;
    }

    @Override
    public List<Job> historyBefore(UserId owner, Set<JobStatus> statuses, JobId beforeId, int limit) {
        StringBuilder sql = new StringBuilder(JOB).append(" WHERE owner_id = :owner");
        if (!statuses.isEmpty()) {
            sql.append(" AND status IN (<statuses>)");
        }
        if (beforeId != null) {
            sql.append(" AND id < :before");
        }
        Query query = handle.createQuery(sql.append(" ORDER BY id DESC LIMIT :limit").toString())
                .bind("owner", d.uuid(owner.value()))
                .bind("limit", limit);
        if (!statuses.isEmpty()) {
            query.bindList("statuses", statuses.stream().map(Enum::name).toList());
        }
        if (beforeId != null) {
            query.bind("before", d.uuid(beforeId.value()));
        }
        return query.map((rs, ctx) -> job(rs)).list();
    }

    @Override
    public List<Job> listBefore(JobSelection selection, Set<JobStatus> statuses, JobId beforeId, int limit) {
        StringBuilder sql = new StringBuilder(JOB).append(" WHERE 1 = 1");
        appendSelection(sql, selection);
        if (!statuses.isEmpty()) {
            sql.append(" AND status IN (<statuses>)");
        }
        if (beforeId != null) {
            sql.append(" AND id < :before");
        }
        Query query = handle.createQuery(sql.append(" ORDER BY id DESC LIMIT :limit").toString()).bind("limit", limit);
        bindSelection(query, selection);
        if (!statuses.isEmpty()) {
            query.bindList("statuses", statuses.stream().map(Enum::name).toList());
        }
        if (beforeId != null) {
            query.bind("before", d.uuid(beforeId.value()));
        }
        return query.map((rs, ctx) -> job(rs)).list();
    }

    @Override
    public Map<JobStatus, Long> countByStatus(JobSelection selection) {
        StringBuilder sql = new StringBuilder("SELECT status, COUNT(*) AS jobs FROM jobs WHERE 1 = 1");
        appendSelection(sql, selection);
        Query query = handle.createQuery(sql.append(" GROUP BY status").toString());
        bindSelection(query, selection);
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        query.map((rs, ctx) -> Map.entry(JobStatus.valueOf(rs.getString("status")), rs.getLong("jobs")))
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    /** The conditions of an operator's {@link JobSelection}; {@link #bindSelection} binds their values. */
    private static void appendSelection(StringBuilder sql, JobSelection selection) {
        if (selection.createdAfter() != null) {
            sql.append(" AND created_at > :after");
        }
        if (selection.provider() != null) {
            sql.append(" AND provider = :provider");
        }
        if (selection.owner() != null) {
            sql.append(" AND owner_id = :owner");
        }
    }

    private void bindSelection(SqlStatement<?> statement, JobSelection selection) {
        if (selection.createdAfter() != null) {
            statement.bind("after", d.instant(selection.createdAfter()));
        }
        if (selection.provider() != null) {
            statement.bind("provider", selection.provider());
        }
        if (selection.owner() != null) {
            statement.bind("owner", d.uuid(selection.owner().value()));
        }
    }

    @Override
    public JobStatistics statistics(JobScope scope) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (scope.owner() != null) {
            where.append(" AND owner_id = :owner");
        }
        if (scope.configuration() != null) {
            where.append(" AND configuration_id = :configuration");
        }
        if (scope.from() != null) {
            where.append(" AND created_at >= :from");
        }
        if (scope.to() != null) {
            where.append(" AND created_at < :to");
        }
        Query totals = bindScope(handle.createQuery("SELECT COUNT(*) AS jobs,"
                + " COALESCE(SUM(CASE WHEN outcome = 'SUCCEEDED' THEN 1 ELSE 0 END), 0) AS completed,"
                + " COALESCE(SUM(CASE WHEN outcome = 'FAILED' THEN 1 ELSE 0 END), 0) AS failed,"
                + " COALESCE(SUM(CASE WHEN outcome = 'CANCELLED' THEN 1 ELSE 0 END), 0) AS cancelled,"
                + " COALESCE(SUM(total_images), 0) AS total_images, COALESCE(SUM(successful_images), 0) AS successful_images,"
                + " COALESCE(SUM(failed_images), 0) AS failed_images FROM jobs" + where), scope);
        long[] figures = totals.map((rs, ctx) -> new long[] {rs.getLong("jobs"), rs.getLong("completed"), rs.getLong("failed"),
                rs.getLong("cancelled"), rs.getLong("total_images"), rs.getLong("successful_images"), rs.getLong("failed_images")})
                .one();
        String ran = where + " AND outcome IS NOT NULL AND started_at IS NOT NULL";
        String micros = d.microsBetween("started_at", "completed_at");
        long[] durations = bindScope(handle.createQuery("SELECT COUNT(*) AS n, COALESCE(AVG(" + micros + "), 0) AS average"
                + " FROM jobs" + ran), scope)
                .map((rs, ctx) -> new long[] {rs.getLong("n"), Math.round(rs.getDouble("average"))})
                .one();
        long p95 = 0;
        if (durations[0] > 0) {
            long rank = (long) Math.ceil(0.95 * durations[0]); // nearest rank, 1-based
            p95 = bindScope(handle.createQuery("SELECT " + micros + " AS micros FROM jobs" + ran
                    + " ORDER BY micros LIMIT 1 OFFSET :offset"), scope)
                    .bind("offset", rank - 1)
                    .mapTo(Long.class)
                    .one();
        }
        return new JobStatistics(figures[0], figures[1], figures[2], figures[3], figures[4], figures[5], figures[6],
                Duration.ofNanos(durations[1] * 1000), Duration.ofNanos(p95 * 1000));
    }

    private Query bindScope(Query query, JobScope scope) {
        if (scope.owner() != null) {
            query.bind("owner", d.uuid(scope.owner().value()));
        }
        if (scope.configuration() != null) {
            query.bind("configuration", d.uuid(scope.configuration().value()));
        }
        if (scope.from() != null) {
            query.bind("from", d.instant(scope.from()));
        }
        if (scope.to() != null) {
            query.bind("to", d.instant(scope.to()));
        }
        return query;
    }

    @Override
    public int archiveFinishedBefore(Instant cutoff) {
        return handle.createUpdate("UPDATE jobs SET status = 'ARCHIVED' WHERE status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')"
                        + " AND completed_at < :cutoff")
                .bind("cutoff", d.instant(cutoff))
                .execute();
    }

    private JobConfiguration configuration(ResultSet rs) throws SQLException {
        return new JobConfiguration(ConfigurationId.of(d.uuid(rs, "id")), UserId.of(d.uuid(rs, "owner_id")),
                rs.getString("name"), read(rs.getString("settings")), d.instant(rs, "created_at"), d.instant(rs, "updated_at"));
    }

    private Job job(ResultSet rs) throws SQLException {
        UUID configuration = d.uuid(rs, "configuration_id");
        UUID hold = d.uuid(rs, "hold_id");
        return new Job(JobId.of(d.uuid(rs, "id")), UserId.of(d.uuid(rs, "owner_id")),
                configuration == null ? null : ConfigurationId.of(configuration), rs.getString("prompt"),
                read(rs.getString("parameters")), rs.getString("provider"), rs.getString("model"), rs.getLong("token_cost"),
                rs.getInt("priority"), JobStatus.valueOf(rs.getString("status")), rs.getInt("total_images"),
                rs.getInt("successful_images"), rs.getInt("failed_images"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                d.instant(rs, "run_after"), rs.getString("lease_owner"), d.instant(rs, "lease_expires_at"),
                rs.getString("error_message"), rs.getString("idempotency_key"), hold == null ? null : HoldId.of(hold),
                d.instant(rs, "created_at"), d.instant(rs, "started_at"), d.instant(rs, "completed_at"),
                CaptureRule.valueOf(rs.getString("capture_rule")));
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
            return java.util.Collections.unmodifiableMap(JSON.readValue(json, MAP));
        } catch (JsonProcessingException e) {
            throw new StorageException("stored JSON is not readable: " + e.getMessage(), false, e);
        }
    }
}
