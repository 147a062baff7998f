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
import dev.genstore.jobs.RateLimit;
import dev.genstore.spi.AttemptCompletion;
import dev.genstore.spi.ClaimQuery;
import dev.genstore.spi.ClaimedRows;
import dev.genstore.spi.JobRepository;
import dev.genstore.spi.MissingReferenceException;
import dev.genstore.spi.QueueDepthRow;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
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
    private static final List<String> JOB_COLUMNS = List.of("id", "owner_id", "configuration_id", "prompt", "parameters",
            "provider", "model", "token_cost", "priority", "status", "total_images", "successful_images", "failed_images",
            "attempts", "max_attempts", "run_after", "lease_owner", "lease_expires_at", "error_message", "idempotency_key",
            "hold_id", "created_at", "started_at", "completed_at", "capture_rule");
    private static final String COLUMNS = String.join(", ", JOB_COLUMNS);
    private static final String JOB = "SELECT " + COLUMNS + " FROM jobs";
    /** A claimed job RUNNING with an expired lease on its last attempt: the claim fails it instead of running it. */
    private static final String DEAD = "(status = 'RUNNING' AND attempts >= max_attempts)";
    /** What a claim writes: the next attempt under the worker's lease, or FAILED for a dead job ({@link #DEAD}). */
    private static final String CLAIM_SET = "status = CASE WHEN " + DEAD + " THEN 'FAILED' ELSE 'RUNNING' END,"
            + " outcome = CASE WHEN " + DEAD + " THEN 'FAILED' END,"
            + " attempts = CASE WHEN " + DEAD + " THEN attempts ELSE attempts + 1 END,"
            + " lease_owner = CASE WHEN " + DEAD + " THEN NULL ELSE :worker END,"
            + " lease_expires_at = CASE WHEN " + DEAD + " THEN NULL ELSE :leaseEnd END,"
            + " error_message = CASE WHEN " + DEAD + " THEN 'lease expired on the last attempt (worker ' || COALESCE(lease_owner, 'null')"
            + " || ')' ELSE error_message END,"
            + " started_at = COALESCE(started_at, :now),"
            + " completed_at = CASE WHEN " + DEAD + " THEN :now END";
    /** The guard of heartbeat, complete and fail: the attempt's lease is live. */
    private static final String LEASED = " WHERE id = :id AND attempts = :attempt AND status = 'RUNNING' AND lease_expires_at > :now";
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
        insertJobs(List.of(j));
    }

    /**
     * One multi-row {@code INSERT}. Where the dialect can, its {@code RETURNING} also yields the transaction's id (so the
     * commit need not ask for it: one round trip fewer). The transaction is marked as one that queued jobs
     * ({@link JobsQueued}), for the storage to tell other stores once it commits. Bound by
     * position on the handle's connection ({@link DirectSql}): a submit is one statement of 25 parameters per job, and
     * Jdbi's named binding cost more of it than the driver did.
     */
    @Override
    public void insertJobs(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder(INSERT_JOB);
        // The columns in JOB_COLUMNS order; the fifth, parameters, is JSON.
        String values = "(?, ?, ?, ?, " + d.jsonParameter("?") + ", "
                + String.join(", ", java.util.Collections.nCopies(JOB_COLUMNS.size() - 5, "?")) + ")";
        for (int i = 0; i < jobs.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(values);
        }
        List<String> returning = new ArrayList<>(2);
        if (d.transactionIdExpression() != null) {
            returning.add(d.transactionIdExpression());
        }
        JobsQueued.mark(handle);
        try {
            boolean keep = jobs.size() == 1; // a batch's text varies with its size: not worth a kept statement
            if (returning.isEmpty()) {
                DirectSql.update(handle, sql.toString(), keep, statement -> bindJobs(statement, jobs));
                return;
            }
            sql.append(" RETURNING ").append(String.join(", ", returning));
            List<String> first = DirectSql.list(handle, sql.toString(), keep, statement -> bindJobs(statement, jobs),
                    row -> row.getString(1));
            if (d.transactionIdExpression() != null && !first.isEmpty()) {
                TransactionIds.remember(handle, first.get(0));
            }
        } catch (RuntimeException e) {
            if (foreignKeyViolation(e)) {
                throw new MissingReferenceException("a job's owner or configuration does not exist", e);
            }
            throw e;
        }
    }

    private boolean foreignKeyViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && d.isForeignKeyViolation(sql)) {
                return true;
            }
        }
        return false;
    }

    /** The columns in {@link #JOB_COLUMNS} order: {@link #bindJobs} binds them in that order. */
    private static final String INSERT_JOB = "INSERT INTO jobs (" + COLUMNS + ") VALUES ";

    /** Binds each job's columns, in {@link #JOB_COLUMNS} order. */
    private void bindJobs(PreparedStatement statement, List<Job> jobs) throws SQLException {
        int p = 1;
        for (Job j : jobs) {
            d.uuid(j.id().value()).apply(p++, statement, null);
            d.uuid(j.owner().value()).apply(p++, statement, null);
            d.uuid(j.configurationId() == null ? null : j.configurationId().value()).apply(p++, statement, null);
            text(statement, p++, j.prompt());
            text(statement, p++, write(j.parameters()));
            text(statement, p++, j.provider());
            text(statement, p++, j.model());
            statement.setLong(p++, j.tokenCost());
            statement.setInt(p++, j.priority());
            text(statement, p++, j.status().name());
            statement.setInt(p++, j.totalImages());
            statement.setInt(p++, j.successfulImages());
            statement.setInt(p++, j.failedImages());
            statement.setInt(p++, j.attempts());
            statement.setInt(p++, j.maxAttempts());
            d.instant(j.runAfter()).apply(p++, statement, null);
            text(statement, p++, j.leaseOwner());
            d.instant(j.leaseExpiresAt()).apply(p++, statement, null);
            text(statement, p++, j.errorMessage());
            text(statement, p++, j.idempotencyKey());
            d.uuid(j.holdId() == null ? null : j.holdId().value()).apply(p++, statement, null);
            d.instant(j.createdAt()).apply(p++, statement, null);
            d.instant(j.startedAt()).apply(p++, statement, null);
            d.instant(j.completedAt()).apply(p++, statement, null);
            text(statement, p++, j.captureRule().name());
        }
    }

    private static void text(PreparedStatement statement, int position, String value) throws SQLException {
        if (value == null) {
            statement.setNull(position, java.sql.Types.VARCHAR);
        } else {
            statement.setString(position, value);
        }
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
    public Map<String, Job> findByIdempotencyKeys(UserId owner, Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Map<String, Job> found = new LinkedHashMap<>();
        handle.createQuery(JOB + " WHERE owner_id = :owner AND idempotency_key IN (<keys>)")
                .bind("owner", d.uuid(owner.value()))
                .bindList("keys", List.copyOf(keys))
                .map((rs, ctx) -> job(rs))
                .forEach(job -> found.put(job.idempotencyKey(), job));
        return found;
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
        ClaimFilter claimFilter = new ClaimFilter(providers, owners, skipProviders);
        String filter = claimFilter.sql();
        List<Job> candidates = new ArrayList<>(claimable(JOB + " WHERE status = 'QUEUED' AND run_after <= :now" + filter
                + " ORDER BY priority DESC, created_at, id LIMIT :limit" + d.forUpdateSkipLocked(), now, limit, claimFilter));
        candidates.addAll(claimable(JOB + " WHERE status = 'RUNNING' AND lease_expires_at <= :now" + filter
                + " ORDER BY priority DESC, created_at, id LIMIT :limit" + d.forUpdateSkipLocked(), now, limit, claimFilter));
        candidates.sort(CLAIM_ORDER);
        return candidates.size() > limit ? candidates.subList(0, limit) : candidates;
    }

    @Override
    public Optional<ClaimedRows> claimUnlimited(ClaimQuery q) {
        ClaimFilter filter = new ClaimFilter(q.providers(), q.owners(), Set.of());
        String jobFilter = filter.sql();
        String limitFilter = q.providers().isEmpty() ? "" : " WHERE provider IN (<providers>)";
        String limited = "(EXISTS (SELECT 1 FROM provider_limits" + limitFilter + ") OR EXISTS (SELECT 1 FROM provider_rate_limits"
                + limitFilter + "))";
        String queued = "SELECT id, status, priority, created_at FROM jobs WHERE status = 'QUEUED' AND run_after <= :now" + jobFilter
                + " ORDER BY priority DESC, created_at, id LIMIT :limit" + d.forUpdateSkipLocked();
        String expired = "SELECT id, status, priority, created_at FROM jobs WHERE status = 'RUNNING' AND lease_expires_at <= :now"
                + jobFilter + " ORDER BY priority DESC, created_at, id LIMIT :limit" + d.forUpdateSkipLocked();
        if (d.claimsInOneStatement()) {
            // One round trip: whether a limit applies, the rows locked (the expired-lease arm finds none in the common
            // case, so nothing is locked that is not claimed), and the claim written, with each row's former status.
            // The limit is written as a literal (an int from 1 to 1000): a server-prepared statement's generic plan
            // would otherwise guess a LIMIT parameter's rows as a share of the table and may join by a scan of jobs.
            String literal = Integer.toString(q.max());
            queued = queued.replace(":limit", literal);
            expired = expired.replace(":limit", literal);
            String sql = "WITH lim AS (SELECT " + limited + " AS limited),"
                    + " picked AS (SELECT c.id, c.status AS was FROM (SELECT * FROM (" + queued + ") q UNION ALL SELECT * FROM ("
                    + expired + ") e) c"
                    + " WHERE NOT (SELECT limited FROM lim) ORDER BY c.priority DESC, c.created_at, c.id LIMIT " + literal + "),"
                    + " done AS (UPDATE jobs SET " + CLAIM_SET + " FROM picked WHERE jobs.id = picked.id RETURNING "
                    + qualified("jobs") + ", picked.was" + transactionIdColumn() + ")"
                    + " SELECT lim.limited, done.* FROM lim LEFT JOIN done ON true";
            List<Job> claimed = new ArrayList<>();
            List<Job> dead = new ArrayList<>();
            Set<JobId> takenOver = new HashSet<>();
            boolean[] limitApplies = new boolean[1];
            bindLease(filter.bind(handle.createQuery(sql)), q).map((rs, ctx) -> {
                limitApplies[0] = rs.getBoolean("limited");
                if (rs.getObject("id") != null) {
                    sortClaimed(jobRememberingTransaction(rs), rs.getString("was"), claimed, dead, takenOver);
                }
                return 0;
            }).list();
            if (limitApplies[0]) {
                return Optional.empty();
            }
            claimed.sort(CLAIM_ORDER);
            return Optional.of(new ClaimedRows(claimed, dead, takenOver));
        }
        // Serialized writers (SQLite) or row locks without locking subqueries (H2): check, lock, then one update.
        Query limitCheck = handle.createQuery("SELECT CASE WHEN " + limited + " THEN 1 ELSE 0 END");
        if (!q.providers().isEmpty()) {
            limitCheck.bindList("providers", List.copyOf(q.providers()));
        }
        if (limitCheck.mapTo(Integer.class).one() == 1) {
            return Optional.empty();
        }
        List<Candidate> candidates = new ArrayList<>(candidates(queued, filter, q));
        candidates.addAll(candidates(expired, filter, q));
        candidates.sort(Comparator.comparingInt(Candidate::priority).reversed().thenComparing(Candidate::createdAt)
                .thenComparing(c -> c.id().toString()));
        List<Candidate> picked = candidates.subList(0, Math.min(q.max(), candidates.size()));
        List<Job> claimed = new ArrayList<>();
        List<Job> dead = new ArrayList<>();
        Set<JobId> takenOver = new HashSet<>();
        if (!picked.isEmpty()) {
            Map<UUID, String> was = new HashMap<>();
            picked.forEach(c -> was.put(c.id(), c.status()));
            bindLease(handle.createQuery(d.updateReturning("UPDATE jobs SET " + CLAIM_SET + " WHERE id IN (<ids>)", COLUMNS)), q)
                    .bindList("ids", picked.stream().map(c -> d.uuid(c.id())).toList())
                    .map((rs, ctx) -> job(rs))
                    .forEach(job -> sortClaimed(job, was.get(job.id().value()), claimed, dead, takenOver));
        }
        claimed.sort(CLAIM_ORDER);
        return Optional.of(new ClaimedRows(claimed, dead, takenOver));
    }

    /** A claimable row as the claim's lock step sees it. */
    private record Candidate(UUID id, String status, int priority, Instant createdAt) {
    }

    private List<Candidate> candidates(String sql, ClaimFilter filter, ClaimQuery q) {
        return filter.bind(handle.createQuery(sql)).bind("now", d.instant(q.now())).bind("limit", q.max())
                .map((rs, ctx) -> new Candidate(d.uuid(rs, "id"), rs.getString("status"), rs.getInt("priority"),
                        d.instant(rs, "created_at")))
                .list();
    }

    private Query bindLease(Query query, ClaimQuery q) {
        return query.bind("now", d.instant(q.now())).bind("worker", q.worker()).bind("leaseEnd", d.instant(q.leaseEnd()));
    }

    private static void sortClaimed(Job job, String was, List<Job> claimed, List<Job> dead, Set<JobId> takenOver) {
        if (job.status() == JobStatus.FAILED) {
            dead.add(job);
            return;
        }
        claimed.add(job);
        if ("RUNNING".equals(was)) {
            takenOver.add(job.id());
        }
    }

    private static String qualified(String table) {
        return JOB_COLUMNS.stream().map(c -> table + "." + c).collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public Optional<Job> extendLease(JobId id, long attempt, Instant now, Instant leaseEnd) {
        return leased("UPDATE jobs SET lease_expires_at = :leaseEnd" + LEASED, id, attempt, now)
                .bind("leaseEnd", d.instant(leaseEnd))
                .map((rs, ctx) -> jobRememberingTransaction(rs))
                .findOne();
    }

    @Override
    public Optional<Job> completeAttempt(JobId id, long attempt, Instant now, int successful, int failed) {
        return leased("UPDATE jobs SET status = 'SUCCEEDED', outcome = 'SUCCEEDED', successful_images = :successful,"
                + " failed_images = :failed, lease_owner = NULL, lease_expires_at = NULL, completed_at = :now" + LEASED
                + " AND total_images >= :images", id, attempt, now)
                .bind("successful", successful)
                .bind("failed", failed)
                .bind("images", (long) successful + failed)
                .map((rs, ctx) -> jobRememberingTransaction(rs))
                .findOne();
    }

    @Override
    public Optional<Job> failAttempt(JobId id, long attempt, Instant now, String error, Instant retryAt) {
        String sql = retryAt == null
                ? "UPDATE jobs SET status = 'FAILED', outcome = 'FAILED', lease_owner = NULL, lease_expires_at = NULL,"
                        + " error_message = :error, completed_at = :now" + LEASED
                : "UPDATE jobs SET status = CASE WHEN attempts < max_attempts THEN 'QUEUED' ELSE 'FAILED' END,"
                        + " outcome = CASE WHEN attempts < max_attempts THEN NULL ELSE 'FAILED' END,"
                        + " run_after = CASE WHEN attempts < max_attempts THEN :retryAt ELSE run_after END,"
                        + " lease_owner = NULL, lease_expires_at = NULL, error_message = :error,"
                        + " completed_at = CASE WHEN attempts < max_attempts THEN NULL ELSE :now END" + LEASED;
        Query query = leased(sql, id, attempt, now).bind("error", error);
        if (retryAt != null) {
            query.bind("retryAt", d.instant(retryAt));
        }
        return query.map((rs, ctx) -> jobRememberingTransaction(rs)).findOne();
    }

    /**
     * A guarded update of one leased job ({@link #LEASED}) that returns the row as written (and, where the dialect
     * can, the transaction's id, so that the commit need not ask for it).
     */
    private Query leased(String update, JobId id, long attempt, Instant now) {
        return handle.createQuery(d.updateReturning(update, COLUMNS + transactionIdColumn()))
                .bind("id", d.uuid(id.value()))
                .bind("attempt", attempt)
                .bind("now", d.instant(now));
    }

    /** {@code ", <transaction id> AS txid"} for a {@code RETURNING} list, or nothing where the dialect has no id. */
    private String transactionIdColumn() {
        return d.transactionIdExpression() == null ? "" : ", " + d.transactionIdExpression() + " AS txid";
    }

    /** A job read from a row that may carry the transaction's id ({@link #transactionIdColumn()}), which it remembers. */
    private Job jobRememberingTransaction(ResultSet rs) throws SQLException {
        if (d.transactionIdExpression() != null) {
            String id = rs.getString("txid");
            if (id != null) {
                TransactionIds.remember(handle, id);
            }
        }
        return job(rs);
    }

    /**
     * Where the dialect can update from a list of values ({@link Dialect#updatesFromValues()}), one statement for every
     * completion: the ids, attempts and counts bound as four arrays, so one prepared statement serves every batch size.
     */
    @Override
    public List<Job> completeAttempts(List<AttemptCompletion> completions, Instant now) {
        if (!d.updatesFromValues() || completions.size() < 2) {
            return JobRepository.super.completeAttempts(completions, now);
        }
        String sql = "UPDATE jobs SET status = 'SUCCEEDED', outcome = 'SUCCEEDED', successful_images = v.successful,"
                + " failed_images = v.failed, lease_owner = NULL, lease_expires_at = NULL, completed_at = :now"
                + " FROM unnest(CAST(:ids AS uuid[]), CAST(:attempts AS bigint[]), CAST(:successful AS integer[]),"
                + " CAST(:failed AS integer[])) AS v(id, attempt, successful, failed)"
                + " WHERE jobs.id = v.id AND jobs.attempts = v.attempt AND jobs.status = 'RUNNING'"
                + " AND jobs.lease_expires_at > :now AND jobs.total_images >= CAST(v.successful AS bigint) + v.failed"
                + " RETURNING " + qualified("jobs") + transactionIdColumn();
        return handle.createQuery(sql)
                .bindArray("ids", String.class, completions.stream().map(c -> c.id().value().toString()).toList())
                .bindArray("attempts", Long.class, completions.stream().map(AttemptCompletion::attempt).toList())
                .bindArray("successful", Integer.class, completions.stream().map(AttemptCompletion::successful).toList())
                .bindArray("failed", Integer.class, completions.stream().map(AttemptCompletion::failed).toList())
                .bind("now", d.instant(now))
                .map((rs, ctx) -> jobRememberingTransaction(rs))
                .list();
    }

    @Override
    public List<Job> lockExpiredLeases(Instant now, int limit) {
        return claimable(JOB + " WHERE status = 'RUNNING' AND lease_expires_at <= :now"
                + " ORDER BY lease_expires_at, id LIMIT :limit" + d.forUpdateSkipLocked(), now, limit,
                new ClaimFilter(Set.of(), Set.of(), Set.of()));
    }

    /** Which providers and owners a claim takes, and which providers it leaves out. */
    private final class ClaimFilter {
        private final Set<String> providers;
        private final Set<UserId> owners;
        private final Set<String> skipProviders;

        ClaimFilter(Set<String> providers, Set<UserId> owners, Set<String> skipProviders) {
            this.providers = providers;
            this.owners = owners;
            this.skipProviders = skipProviders;
        }

        /** The conditions on jobs, each with a leading {@code AND}. */
        String sql() {
            return (providers.isEmpty() ? "" : " AND provider IN (<providers>)")
                    + (owners.isEmpty() ? "" : " AND owner_id IN (<owners>)")
                    + (skipProviders.isEmpty() ? "" : " AND provider NOT IN (<skip>)");
        }

        Query bind(Query query) {
            if (!providers.isEmpty()) {
                query.bindList("providers", List.copyOf(providers));
            }
            if (!owners.isEmpty()) {
                query.bindList("owners", owners.stream().map(owner -> d.uuid(owner.value())).toList());
            }
            if (!skipProviders.isEmpty()) {
                query.bindList("skip", List.copyOf(skipProviders));
            }
            return query;
        }
    }

    private List<Job> claimable(String sql, Instant now, int limit, ClaimFilter filter) {
        return filter.bind(handle.createQuery(sql)).bind("now", d.instant(now)).bind("limit", limit)
                .map((rs, ctx) -> job(rs)).list();
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
    public Map<String, RateLimit> lockRateLimits(Collection<String> providers) {
        Map<String, RateLimit> limits = new TreeMap<>();
        handle.createQuery("SELECT provider, max_claims, window_millis FROM provider_rate_limits WHERE provider IN (<providers>)"
                        + " ORDER BY provider" + d.forUpdate())
                .bindList("providers", List.copyOf(providers))
                .map((rs, ctx) -> Map.entry(rs.getString("provider"), rateLimit(rs)))
                .forEach(e -> limits.put(e.getKey(), e.getValue()));
        return limits;
    }

    @Override
    public long claimsSince(String provider, Instant since) {
        return handle.createQuery("SELECT COALESCE(SUM(claims), 0) FROM provider_claims WHERE provider = :provider"
                        + " AND claimed_at > :since")
                .bind("provider", provider)
                .bind("since", d.instant(since))
                .mapTo(Long.class)
                .one();
    }

    @Override
    public void recordClaims(String provider, Instant at, int claims, Instant forgetUpTo) {
        handle.createUpdate("DELETE FROM provider_claims WHERE provider = :provider AND claimed_at <= :forget")
                .bind("provider", provider)
                .bind("forget", d.instant(forgetUpTo))
                .execute();
        // The caller holds the provider's rate-limit row, so no other claim of it writes this row meanwhile.
        int updated = handle.createUpdate("UPDATE provider_claims SET claims = claims + :claims WHERE provider = :provider"
                        + " AND claimed_at = :at")
                .bind("claims", claims)
                .bind("provider", provider)
                .bind("at", d.instant(at))
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO provider_claims (provider, claimed_at, claims) VALUES (:provider, :at, :claims)")
                    .bind("provider", provider)
                    .bind("at", d.instant(at))
                    .bind("claims", claims)
                    .execute();
        }
    }

    @Override
    public void upsertRateLimit(String provider, RateLimit limit) {
        int updated = handle.createUpdate("UPDATE provider_rate_limits SET max_claims = :max, window_millis = :window"
                        + " WHERE provider = :provider")
                .bind("max", limit.maxClaims())
                .bind("window", limit.window().toMillis())
                .bind("provider", provider)
                .execute();
        if (updated == 0) {
            handle.createUpdate("INSERT INTO provider_rate_limits (provider, max_claims, window_millis) VALUES (:provider, :max, :window)")
                    .bind("provider", provider)
                    .bind("max", limit.maxClaims())
                    .bind("window", limit.window().toMillis())
                    .execute();
        }
    }

    @Override
    public boolean deleteRateLimit(String provider) {
        handle.createUpdate("DELETE FROM provider_claims WHERE provider = :provider").bind("provider", provider).execute();
        return handle.createUpdate("DELETE FROM provider_rate_limits WHERE provider = :provider").bind("provider", provider)
                .execute() > 0;
    }

    @Override
    public Map<String, RateLimit> rateLimits() {
        Map<String, RateLimit> limits = new LinkedHashMap<>();
        handle.createQuery("SELECT provider, max_claims, window_millis FROM provider_rate_limits ORDER BY provider")
                .map((rs, ctx) -> Map.entry(rs.getString("provider"), rateLimit(rs)))
                .forEach(e -> limits.put(e.getKey(), e.getValue()));
        return limits;
    }

    private static RateLimit rateLimit(ResultSet rs) throws SQLException {
        return RateLimit.of(rs.getInt("max_claims"), Duration.ofMillis(rs.getLong("window_millis")));
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
        return Job.builder().id(JobId.of(d.uuid(rs, "id"))).owner(UserId.of(d.uuid(rs, "owner_id")))
                .configurationId(configuration == null ? null : ConfigurationId.of(configuration))
                .prompt(rs.getString("prompt")).parameters(read(rs.getString("parameters")))
                .provider(rs.getString("provider")).model(rs.getString("model")).tokenCost(rs.getLong("token_cost"))
                .priority(rs.getInt("priority")).totalImages(rs.getInt("total_images"))
                .maxAttempts(rs.getInt("max_attempts")).idempotencyKey(rs.getString("idempotency_key"))
                .captureRule(CaptureRule.valueOf(rs.getString("capture_rule")))
                .status(JobStatus.valueOf(rs.getString("status")))
                .successfulImages(rs.getInt("successful_images")).failedImages(rs.getInt("failed_images"))
                .attempts(rs.getInt("attempts"))
                .lease(rs.getString("lease_owner"), d.instant(rs, "lease_expires_at"))
                .createdAt(d.instant(rs, "created_at")).runAfter(d.instant(rs, "run_after"))
                .startedAt(d.instant(rs, "started_at")).completedAt(d.instant(rs, "completed_at"))
                .holdId(hold == null ? null : HoldId.of(hold)).errorMessage(rs.getString("error_message"))
                .build();
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
