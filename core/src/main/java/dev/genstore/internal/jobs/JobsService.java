package dev.genstore.internal.jobs;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.internal.Cursors;
import dev.genstore.internal.JobCopies;
import dev.genstore.internal.JsonValues;
import dev.genstore.internal.Pages;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.internal.images.ImagesService;
import dev.genstore.jobs.ConfigurationId;
import dev.genstore.jobs.ConfigurationJobs;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobConfiguration;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.JobSelection;
import dev.genstore.jobs.JobStatistics;
import dev.genstore.jobs.JobStatus;
import dev.genstore.jobs.Jobs;
import dev.genstore.jobs.NewJob;
import dev.genstore.jobs.OperatorJobs;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.Ledger;
import dev.genstore.metrics.QueueLevel;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.JobRepository;
import dev.genstore.spi.MissingReferenceException;
import dev.genstore.spi.Repositories;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The rules for configurations and jobs: validation, idempotent submit with its hold, the state machine. */
public final class JobsService implements Jobs {
    static final String HOLD_REASON = "GENERATION";
    private static final String HISTORY = "jobs";
    private static final String OPERATOR_LIST = "operator-jobs";
    private static final String CONFIGURATIONS = "configurations";

    private final ServiceContext context;
    private final Ledger ledger;
    private final ImagesService images;
    private final OperatorJobs operator = new OperatorJobsView(this);

    public JobsService(ServiceContext context, Ledger ledger, ImagesService images) {
        this.context = context;
        this.ledger = ledger;
        this.images = images;
    }

    @Override
    public OperatorJobs operator() {
        return operator;
    }

    @Override
    public JobConfiguration createConfiguration(UserId owner, String name, Map<String, Object> settings) {
        Validate.notNull("owner", owner);
        String validName = Validate.text("name", name, 200);
        Map<String, Object> validSettings = JsonValues.normalize("settings", settings);
        return context.storage().write(r -> {
            requireUser(r, owner);
            if (r.jobs().findConfiguration(owner, validName).isPresent()) {
                throw new ConflictException("user " + owner + " already has a configuration named " + Validate.quote(validName));
            }
            Instant now = context.now();
            JobConfiguration created = new JobConfiguration(ConfigurationId.of(context.newId()), owner, validName,
                    validSettings, now, now);
            r.jobs().insertConfiguration(created);
            return created;
        });
    }

    @Override
    public Optional<JobConfiguration> findConfiguration(ConfigurationId id) {
        Validate.notNull("configurationId", id);
        return context.storage().read(r -> r.jobs().findConfiguration(id));
    }

    @Override
    public Optional<JobConfiguration> findConfiguration(UserId owner, ConfigurationId id) {
        Validate.notNull("owner", owner);
        return findConfiguration(id).filter(c -> c.owner().equals(owner));
    }

    @Override
    public JobConfiguration updateConfiguration(ConfigurationId id, String name, Map<String, Object> settings) {
        return updateConfigurationOf(null, id, name, settings);
    }

    @Override
    public JobConfiguration updateConfiguration(UserId owner, ConfigurationId id, String name, Map<String, Object> settings) {
        Validate.notNull("owner", owner);
        return updateConfigurationOf(owner, id, name, settings);
    }

    /** Updates the configuration if {@code owner} (any owner when null) has it. */
    private JobConfiguration updateConfigurationOf(UserId owner, ConfigurationId id, String name, Map<String, Object> settings) {
        Validate.notNull("configurationId", id);
        String validName = Validate.text("name", name, 200);
        Map<String, Object> validSettings = JsonValues.normalize("settings", settings);
        return context.storage().write(r -> {
            JobConfiguration current = r.jobs().findConfiguration(id).filter(c -> owner == null || c.owner().equals(owner))
                    .orElseThrow(() -> new NotFoundException("configuration", id));
            r.jobs().findConfiguration(current.owner(), validName).filter(other -> !other.id().equals(id)).ifPresent(other -> {
                throw new ConflictException("user " + current.owner() + " already has a configuration named " + Validate.quote(validName));
            });
            JobConfiguration updated = new JobConfiguration(id, current.owner(), validName, validSettings,
                    current.createdAt(), context.now());
            r.jobs().updateConfiguration(updated);
            return updated;
        });
    }

    @Override
    public void deleteConfiguration(UserId owner, ConfigurationId id) {
        deleteConfiguration(owner, id, ConfigurationJobs.KEEP_UNLINKED);
    }

    @Override
    public void deleteConfiguration(ConfigurationId id) {
        Validate.notNull("configurationId", id);
        context.storage().write(r -> {
            if (!r.jobs().deleteConfiguration(id)) {
                throw new NotFoundException("configuration", id);
            }
            return null;
        });
    }

    @Override
    public void deleteConfiguration(UserId owner, ConfigurationId id, ConfigurationJobs jobs) {
        Validate.notNull("owner", owner);
        Validate.notNull("configurationId", id);
        Validate.notNull("jobs", jobs);
        context.storage().write(r -> {
            Validate.exists(r.jobs().findConfiguration(id).filter(c -> c.owner().equals(owner)), "configuration", id);
            if (jobs == ConfigurationJobs.DELETE) {
                // Locked before any is deleted, so a RUNNING one refuses the call before anything changed.
                List<Job> linked = r.jobs().lockJobsOf(id);
                linked.forEach(JobsService::requireNotRunning);
                linked.forEach(job -> deleteLocked(r, job));
            }
            r.jobs().deleteConfiguration(id);
            return null;
        });
    }

    @Override
    public Page<JobConfiguration> configurations(UserId owner, PageRequest page) {
        Validate.notNull("owner", owner);
        Validate.notNull("page", page);
        String after = page.after() == null ? null : Cursors.decode(CONFIGURATIONS, page.after());
        List<JobConfiguration> rows = context.storage().read(r -> {
            requireUser(r, owner);
            return r.jobs().configurationsAfter(owner, after, page.size() + 1);
        });
        return Pages.of(rows, page.size(), c -> Cursors.encode(CONFIGURATIONS, c.name()));
    }

    /** The most jobs one {@link #submitAll} takes. */
    static final int MAX_BATCH = Jobs.MAX_SUBMIT_BATCH;

    /** A job whose fields were checked, with its text fields as they will be stored. */
    private record Checked(NewJob job, String prompt, String provider, String model, Map<String, Object> parameters,
                           String key) {
    }

    private static Checked check(NewJob job) {
        Validate.notNull("job", job);
        Validate.notNull("owner", job.owner());
        String prompt = Validate.multilineText("prompt", job.prompt(), 20_000);
        String provider = Validate.provider(job.provider());
        String model = Validate.text("model", job.model(), 200);
        Map<String, Object> parameters = JsonValues.normalize("parameters", job.parameters());
        if (job.tokenCost() < 0) {
            throw new InvalidInputException("tokenCost", "must be zero or positive, was " + job.tokenCost());
        }
        if (job.totalImages() < 1 || job.totalImages() > 100_000) {
            throw new InvalidInputException("totalImages", "must be between 1 and 100000, was " + job.totalImages());
        }
        if (job.maxAttempts() < 1 || job.maxAttempts() > 1000) {
            throw new InvalidInputException("maxAttempts", "must be between 1 and 1000, was " + job.maxAttempts());
        }
        String key = Validate.optionalText("idempotencyKey", job.idempotencyKey(), 200);
        Validate.optionalInstant("runAfter", job.runAfter());
        return new Checked(job, prompt, provider, model, parameters, key);
    }

    @Override
    public Job submit(NewJob job) {
        Checked checked = check(job);
        // The owner is not read: the job's foreign key proves it exists (see store()).
        return context.storage().write(r -> store(r, List.of(checked), false).get(0));
    }

    @Override
    public List<Job> submitAll(List<NewJob> batch) {
        Validate.notNull("jobs", batch);
        if (batch.size() > MAX_BATCH) {
            throw new InvalidInputException("jobs", "must hold at most " + MAX_BATCH + " jobs, held " + batch.size());
        }
        List<Checked> checked = new ArrayList<>(batch.size());
        Map<UserId, Map<String, Integer>> keys = new HashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == null) {
                throw new InvalidInputException(element(i), "must not be null");
            }
            Checked one;
            try {
                one = check(batch.get(i));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(element(i) + "." + e.field(), e.getMessage().substring(e.field().length() + 1));
            }
            if (one.key() != null) {
                Integer first = keys.computeIfAbsent(one.job().owner(), owner -> new HashMap<>()).putIfAbsent(one.key(), i);
                if (first != null) {
                    throw new InvalidInputException(element(i) + ".idempotencyKey",
                            "repeats the key of " + element(first) + " for the same owner");
                }
            }
            checked.add(one);
        }
        if (checked.isEmpty()) {
            return List.of();
        }
        return context.storage().write(r -> store(r, checked, true));
    }

    private static String element(int index) {
        return "jobs[" + index + "]";
    }

    /**
     * Stores the checked jobs in the current transaction, in one statement: each with an idempotency key already used
     * by its owner is that first job instead; each costing tokens gets its hold. In a batch, the owners are checked in
     * one query first so that an unknown one is named by its index; a single submit lets the foreign key prove it.
     */
    private List<Job> store(Repositories r, List<Checked> checked, boolean batch) {
        Instant now = context.now();
        Map<UserId, Map<String, Job>> replays = replays(r, checked, batch);
        if (batch) {
            Set<UserId> owners = new HashSet<>();
            checked.forEach(c -> owners.add(c.job().owner()));
            Set<UserId> existing = r.users().existing(owners);
            for (int i = 0; i < checked.size(); i++) {
                if (!existing.contains(checked.get(i).job().owner())) {
                    throw new NotFoundException("user", checked.get(i).job().owner(), element(i));
                }
            }
        }
        Map<ConfigurationId, Optional<UserId>> configurationOwners = new HashMap<>();
        List<Job> result = new ArrayList<>(checked.size());
        List<Job> inserts = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            Checked c = checked.get(i);
            NewJob job = c.job();
            String where = batch ? element(i) + ": " : "";
            Job candidate = Job.builder().id(JobId.of(context.newId())).owner(job.owner()).status(JobStatus.QUEUED)
                    .prompt(c.prompt()).parameters(c.parameters()).provider(c.provider()).model(c.model())
                    .configurationId(job.configurationId()).tokenCost(job.tokenCost()).priority(job.priority())
                    .totalImages(job.totalImages()).maxAttempts(job.maxAttempts()).idempotencyKey(c.key())
                    .captureRule(job.captureRule())
                    .createdAt(now).runAfter(job.runAfter() == null ? now : job.runAfter().truncatedTo(ChronoUnit.MICROS))
                    .build();
            Job first = c.key() == null ? null : replays.getOrDefault(job.owner(), Map.of()).get(c.key());
            if (first != null) {
                if (!sameTerms(first, candidate)) {
                    throw new ConflictException(where + "idempotency key " + Validate.quote(c.key())
                            + " was used for a job with other terms");
                }
                result.add(first);
                continue;
            }
            if (job.configurationId() != null) {
                // Each configuration is read once per batch.
                Optional<UserId> configurationOwner = configurationOwners.computeIfAbsent(job.configurationId(),
                        id -> r.jobs().findConfiguration(id).map(JobConfiguration::owner));
                if (!configurationOwner.equals(Optional.of(job.owner()))) {
                    throw batch ? new NotFoundException("configuration", job.configurationId(), element(i))
                            : new NotFoundException("configuration", job.configurationId());
                }
            }
            HoldId hold = job.tokenCost() == 0 ? null
                    : ledger.hold(job.owner(), job.tokenCost(), HOLD_REASON, holdReference(candidate.id())).id();
            Job submitted = JobCopies.withHold(candidate, hold);
            inserts.add(submitted);
            result.add(submitted);
        }
        try {
            r.jobs().insertJobs(inserts);
        } catch (MissingReferenceException e) {
            // Only a single submit gets here for an unknown owner; a batch, only when a user or configuration was
            // deleted meanwhile. A job with a configuration names that (deleting its owner deletes it too).
            Job missing = inserts.get(0);
            throw missing.configurationId() != null ? new NotFoundException("configuration", missing.configurationId())
                    : new NotFoundException("user", missing.owner());
        }
        if (!inserts.isEmpty()) {
            context.storage().afterCommit(context.queueSignal()::signal);
            for (Job inserted : inserts) {
                String provider = inserted.provider();
                context.reportAfterCommit(m -> m.jobSubmitted(provider));
            }
        }
        return result;
    }

    /** The first jobs of the idempotency keys the jobs carry, by owner and key: one query per owner. */
    private static Map<UserId, Map<String, Job>> replays(Repositories r, List<Checked> checked, boolean batch) {
        Map<UserId, List<String>> keys = new LinkedHashMap<>();
        for (Checked c : checked) {
            if (c.key() != null) {
                keys.computeIfAbsent(c.job().owner(), owner -> new ArrayList<>()).add(c.key());
            }
        }
        Map<UserId, Map<String, Job>> found = new HashMap<>();
        keys.forEach((owner, ownerKeys) -> {
            if (!batch) {
                r.jobs().findByIdempotencyKey(owner, ownerKeys.get(0))
                        .ifPresent(job -> found.put(owner, Map.of(job.idempotencyKey(), job)));
            } else {
                found.put(owner, r.jobs().findByIdempotencyKeys(owner, ownerKeys));
            }
        });
        return found;
    }

    static String holdReference(JobId id) {
        return "job:" + id;
    }

    private static boolean sameTerms(Job a, Job b) {
        return a.prompt().equals(b.prompt()) && a.provider().equals(b.provider()) && a.model().equals(b.model())
                && a.parameters().equals(b.parameters()) && a.tokenCost() == b.tokenCost()
                && a.totalImages() == b.totalImages() && a.priority() == b.priority() && a.maxAttempts() == b.maxAttempts()
                && Objects.equals(a.configurationId(), b.configurationId()) && a.captureRule() == b.captureRule();
    }

    @Override
    public Optional<Job> find(JobId id) {
        Validate.notNull("jobId", id);
        return context.storage().read(r -> r.jobs().findJob(id));
    }

    @Override
    public Job get(JobId id) {
        return find(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    @Override
    public Job pause(JobId id) {
        return move(null, id, JobStatus.PAUSED);
    }

    @Override
    public Job resume(JobId id) {
        return move(null, id, JobStatus.QUEUED);
    }

    @Override
    public Job cancel(JobId id) {
        return move(null, id, JobStatus.CANCELLED);
    }

    @Override
    public Optional<Job> find(UserId owner, JobId id) {
        Validate.notNull("owner", owner);
        return find(id).filter(job -> job.owner().equals(owner));
    }

    @Override
    public Job get(UserId owner, JobId id) {
        return find(owner, id).orElseThrow(() -> new NotFoundException("job", id));
    }

    @Override
    public Job pause(UserId owner, JobId id) {
        Validate.notNull("owner", owner);
        return move(owner, id, JobStatus.PAUSED);
    }

    @Override
    public Job resume(UserId owner, JobId id) {
        Validate.notNull("owner", owner);
        return move(owner, id, JobStatus.QUEUED);
    }

    @Override
    public Job cancel(UserId owner, JobId id) {
        Validate.notNull("owner", owner);
        return move(owner, id, JobStatus.CANCELLED);
    }

    /** Moves the job of {@code owner} (of anyone when null) to {@code target}. */
    private Job move(UserId owner, JobId id, JobStatus target) {
        Validate.notNull("jobId", id);
        return context.storage().write(r -> {
            Job job = owner == null ? locked(r.jobs(), id) : locked(r.jobs(), owner, id);
            // PAUSED -> QUEUED is a resume; RUNNING -> QUEUED belongs to the queue (retries), not to callers.
            if (!job.status().canMoveTo(target) || (target == JobStatus.QUEUED && job.status() != JobStatus.PAUSED)) {
                throw new IllegalTransitionException("job", id, job.status(), target);
            }
            Instant now = context.now();
            Job moved;
            if (target == JobStatus.CANCELLED) {
                if (job.holdId() != null) {
                    ledger.release(job.owner(), job.holdId());
                }
                moved = JobCopies.finish(job, JobStatus.CANCELLED, job.successfulImages(), job.failedImages(), job.errorMessage(), now);
            } else {
                moved = JobCopies.withStatus(job, target);
            }
            r.jobs().updateJob(moved);
            return moved;
        });
    }

    @Override
    public void delete(UserId owner, JobId id) {
        Validate.notNull("owner", owner);
        Validate.notNull("jobId", id);
        context.storage().write(r -> {
            Job job = locked(r.jobs(), owner, id);
            requireNotRunning(job);
            deleteLocked(r, job);
            return null;
        });
    }

    /** Deletes a locked job that is not RUNNING, with its images, after releasing its hold if still open. */
    private void deleteLocked(Repositories r, Job job) {
        if (job.holdId() != null && (job.status() == JobStatus.QUEUED || job.status() == JobStatus.PAUSED)) {
            ledger.release(job.owner(), job.holdId());
        }
        images.deleteJobImages(r, job.owner(), job.id());
        r.jobs().deleteJob(job.id());
    }

    private static void requireNotRunning(Job job) {
        if (job.status() == JobStatus.RUNNING) {
            // A worker holds it: deleting would leave its heartbeat, complete and fail nothing to act on.
            throw new IllegalTransitionException("job", job.id(), JobStatus.RUNNING, "DELETED (cancel it first)");
        }
    }

    @Override
    public Page<Job> history(UserId owner, Set<JobStatus> statuses, PageRequest page) {
        Validate.notNull("owner", owner);
        Validate.elements("statuses", statuses);
        Validate.notNull("page", page);
        Set<JobStatus> filter = statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
        JobId before = page.after() == null ? null : JobId.of(Cursors.decodeUuid(HISTORY, page.after()));
        List<Job> rows = context.storage().read(r -> {
            requireUser(r, owner);
            return r.jobs().historyBefore(owner, filter, before, page.size() + 1);
        });
        return Pages.of(rows, page.size(), job -> Cursors.encode(HISTORY, job.id()));
    }

    /** {@link OperatorJobs#list}: every owner's jobs, newest first. */
    Page<Job> operatorList(JobSelection selection, Set<JobStatus> statuses, PageRequest page) {
        JobSelection valid = validSelection(selection);
        Validate.elements("statuses", statuses);
        Validate.notNull("page", page);
        Set<JobStatus> filter = statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
        JobId before = page.after() == null ? null : JobId.of(Cursors.decodeUuid(OPERATOR_LIST, page.after()));
        List<Job> rows = context.storage().read(r -> r.jobs().listBefore(valid, filter, before, page.size() + 1));
        return Pages.of(rows, page.size(), job -> Cursors.encode(OPERATOR_LIST, job.id()));
    }

    /** {@link OperatorJobs#countByStatus}: every status a key, zero when no job is in it. */
    Map<JobStatus, Long> countByStatus(JobSelection selection) {
        JobSelection valid = validSelection(selection);
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus status : JobStatus.values()) {
            counts.put(status, 0L);
        }
        counts.putAll(context.storage().read(r -> r.jobs().countByStatus(valid)));
        return Collections.unmodifiableMap(counts);
    }

    /** {@link OperatorJobs#queueLevels}: read now, not cached. */
    Map<String, QueueLevel> queueLevels() {
        return CachedQueueLevels.read(context);
    }

    private static JobSelection validSelection(JobSelection selection) {
        Validate.notNull("selection", selection);
        JobSelection valid = selection.provider() == null ? selection : selection.provider(Validate.provider(selection.provider()));
        if (valid.createdAfter() != null) {
            Validate.instant("createdAfter", valid.createdAfter());
        }
        return valid;
    }

    @Override
    public JobStatistics statistics(JobScope scope) {
        Validate.notNull("scope", scope);
        Validate.optionalInstant("from", scope.from());
        Validate.optionalInstant("to", scope.to());
        if (scope.from() != null && scope.to() != null && !scope.from().isBefore(scope.to())) {
            throw new InvalidInputException("scope", "from must be before to");
        }
        return context.storage().read(r -> r.jobs().statistics(scope));
    }

    @Override
    public int archiveFinishedBefore(Instant cutoff) {
        Validate.instant("cutoff", cutoff);
        return context.storage().write(r -> r.jobs().archiveFinishedBefore(cutoff));
    }

    static Job locked(JobRepository jobs, JobId id) {
        return jobs.lockJob(id).orElseThrow(() -> new NotFoundException("job", id));
    }

    /** The owner's job, locked; another user's job is not found. */
    static Job locked(JobRepository jobs, UserId owner, JobId id) {
        return jobs.lockJob(id).filter(job -> job.owner().equals(owner))
                .orElseThrow(() -> new NotFoundException("job", id));
    }

    private static void requireUser(Repositories r, UserId user) {
        if (r.users().find(user).isEmpty()) {
            throw new NotFoundException("user", user);
        }
    }
}
