package dev.genstore.jobs;

import dev.genstore.accounts.UserId;
import dev.genstore.ledger.HoldId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored generation job: an immutable value, equal to another job with the same fields.
 *
 * <p>Its fields come in small parts: {@link #request()} (what was asked, fixed at submit), {@link #status()},
 * {@link #progress()} (image counters and attempts), {@link #lease()} (while RUNNING), {@link #times()}, plus the
 * token hold and the last error. Every field also has a shortcut accessor ({@code job.prompt()},
 * {@code job.attempts()}, {@code job.leaseOwner()}, …) that reads it from its part, so code reads a job as one flat
 * value.
 *
 * <p>Applications get jobs from {@link Jobs} and {@link JobQueue}; a job is built only through {@link #builder()} or
 * {@link #toBuilder()} (a test's expected value, a fake of {@code Jobs}), never a constructor, so a new field is a new
 * builder method and existing code keeps compiling and linking.
 */
public final class Job {
    private final JobId id;
    private final UserId owner;
    private final JobRequest request;
    private final JobStatus status;
    private final JobProgress progress;
    private final JobLease lease;
    private final JobTimes times;
    private final HoldId holdId;
    private final String errorMessage;

    private Job(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.owner = Objects.requireNonNull(b.owner, "owner");
        this.request = new JobRequest(b.prompt, b.parameters, b.provider, b.model, b.configurationId, b.tokenCost,
                b.priority, b.totalImages, b.maxAttempts, b.idempotencyKey, b.captureRule);
        this.status = Objects.requireNonNull(b.status, "status");
        this.progress = new JobProgress(b.successfulImages, b.failedImages, b.attempts);
        this.lease = b.leaseOwner == null && b.leaseExpiresAt == null ? null : new JobLease(b.leaseOwner, b.leaseExpiresAt);
        this.times = new JobTimes(b.createdAt, b.runAfter, b.startedAt, b.completedAt);
        this.holdId = b.holdId;
        this.errorMessage = b.errorMessage;
    }

    /** A builder with no field set but the defaults: empty parameters, {@link CaptureRule#PROPORTIONAL_ROUND_DOWN}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this job: change some, then {@link Builder#build()} a new job. */
    public Builder toBuilder() {
        return new Builder().id(id).owner(owner).request(request).status(status).progress(progress)
                .lease(lease).times(times).holdId(holdId).errorMessage(errorMessage);
    }

    /** The job's id. */
    public JobId id() {
        return id;
    }

    /** The user it runs for. */
    public UserId owner() {
        return owner;
    }

    /** What was asked: prompt, provider, model, parameters, cost, priority, images, attempts allowed, key, rule. */
    public JobRequest request() {
        return request;
    }

    /** Where the job is in its life. */
    public JobStatus status() {
        return status;
    }

    /** Its image counters and attempts so far. */
    public JobProgress progress() {
        return progress;
    }

    /** Its lease while a worker holds it (RUNNING); empty otherwise. */
    public Optional<JobLease> lease() {
        return Optional.ofNullable(lease);
    }

    /** When it was submitted, may run, started and finished. */
    public JobTimes times() {
        return times;
    }

    /** The token hold that follows the job, or {@code null} when it costs nothing. */
    public HoldId holdId() {
        return holdId;
    }

    /** The last failure's message, or {@code null}. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Shortcut for {@code request().configurationId()}: the configuration it runs, or {@code null}. */
    public ConfigurationId configurationId() {
        return request.configurationId();
    }

    /** Shortcut for {@code request().prompt()}. */
    public String prompt() {
        return request.prompt();
    }

    /** Shortcut for {@code request().parameters()}. */
    public Map<String, Object> parameters() {
        return request.parameters();
    }

    /** Shortcut for {@code request().provider()}. */
    public String provider() {
        return request.provider();
    }

    /** Shortcut for {@code request().model()}. */
    public String model() {
        return request.model();
    }

    /** Shortcut for {@code request().tokenCost()}. */
    public long tokenCost() {
        return request.tokenCost();
    }

    /** Shortcut for {@code request().priority()}. */
    public int priority() {
        return request.priority();
    }

    /** Shortcut for {@code request().totalImages()}. */
    public int totalImages() {
        return request.totalImages();
    }

    /** Shortcut for {@code request().maxAttempts()}. */
    public int maxAttempts() {
        return request.maxAttempts();
    }

    /** Shortcut for {@code request().idempotencyKey()}: the submit's key, or {@code null}. */
    public String idempotencyKey() {
        return request.idempotencyKey();
    }

    /** Shortcut for {@code request().captureRule()}. */
    public CaptureRule captureRule() {
        return request.captureRule();
    }

    /** Shortcut for {@code progress().successfulImages()}. */
    public int successfulImages() {
        return progress.successfulImages();
    }

    /** Shortcut for {@code progress().failedImages()}. */
    public int failedImages() {
        return progress.failedImages();
    }

    /** Shortcut for {@code progress().attempts()}: claims so far, the fencing token of the current claim. */
    public int attempts() {
        return progress.attempts();
    }

    /** The worker holding the lease while RUNNING, or {@code null}. */
    public String leaseOwner() {
        return lease == null ? null : lease.owner();
    }

    /** When the lease ends while RUNNING, or {@code null}. */
    public Instant leaseExpiresAt() {
        return lease == null ? null : lease.expiresAt();
    }

    /** Shortcut for {@code times().createdAt()}. */
    public Instant createdAt() {
        return times.createdAt();
    }

    /** Shortcut for {@code times().runAfter()}. */
    public Instant runAfter() {
        return times.runAfter();
    }

    /** Shortcut for {@code times().startedAt()}: when it was first claimed, or {@code null}. */
    public Instant startedAt() {
        return times.startedAt();
    }

    /** Shortcut for {@code times().completedAt()}: when it finished, or {@code null}. */
    public Instant completedAt() {
        return times.completedAt();
    }

    /** How long the job ran, from its first claim to its end, when it has finished. */
    public Optional<Duration> duration() {
        return times.duration();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Job j && id.equals(j.id) && owner.equals(j.owner) && request.equals(j.request)
                && status == j.status && progress.equals(j.progress) && Objects.equals(lease, j.lease)
                && times.equals(j.times) && Objects.equals(holdId, j.holdId) && Objects.equals(errorMessage, j.errorMessage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, owner, request, status, progress, lease, times, holdId, errorMessage);
    }

    @Override
    public String toString() {
        return "Job[id=" + id + ", owner=" + owner + ", status=" + status + ", request=" + request + ", progress="
                + progress + ", lease=" + lease + ", times=" + times + ", holdId=" + holdId + ", errorMessage="
                + errorMessage + "]";
    }

    /**
     * Builds a {@link Job}, field by field (each setter names its field, so two values of one type cannot change
     * places unnoticed) or part by part. Id, owner and status are required; a lease is kept when its owner or end is
     * set. Not thread-safe; {@link #build()} may be called again after further changes.
     */
    public static final class Builder {
        private JobId id;
        private UserId owner;
        private ConfigurationId configurationId;
        private String prompt;
        private Map<String, Object> parameters = Map.of();
        private String provider;
        private String model;
        private long tokenCost;
        private int priority;
        private int totalImages;
        private int maxAttempts;
        private String idempotencyKey;
        private CaptureRule captureRule = CaptureRule.PROPORTIONAL_ROUND_DOWN;
        private JobStatus status;
        private int successfulImages;
        private int failedImages;
        private int attempts;
        private String leaseOwner;
        private Instant leaseExpiresAt;
        private Instant createdAt;
        private Instant runAfter;
        private Instant startedAt;
        private Instant completedAt;
        private HoldId holdId;
        private String errorMessage;

        private Builder() {
        }

        /** The job's id. */
        public Builder id(JobId value) {
            this.id = value;
            return this;
        }

        /** The user it runs for. */
        public Builder owner(UserId value) {
            this.owner = value;
            return this;
        }

        /** Every field of {@link JobRequest} at once. */
        public Builder request(JobRequest value) {
            return prompt(value.prompt()).parameters(value.parameters()).provider(value.provider()).model(value.model())
                    .configurationId(value.configurationId()).tokenCost(value.tokenCost()).priority(value.priority())
                    .totalImages(value.totalImages()).maxAttempts(value.maxAttempts())
                    .idempotencyKey(value.idempotencyKey()).captureRule(value.captureRule());
        }

        /** The configuration it runs, or {@code null}. */
        public Builder configurationId(ConfigurationId value) {
            this.configurationId = value;
            return this;
        }

        /** The generation prompt. */
        public Builder prompt(String value) {
            this.prompt = value;
            return this;
        }

        /** Generation parameters, as JSON values. */
        public Builder parameters(Map<String, Object> value) {
            this.parameters = value;
            return this;
        }

        /** The image API. */
        public Builder provider(String value) {
            this.provider = value;
            return this;
        }

        /** The provider's model. */
        public Builder model(String value) {
            this.model = value;
            return this;
        }

        /** Tokens held on submit. */
        public Builder tokenCost(long value) {
            this.tokenCost = value;
            return this;
        }

        /** Higher runs first. */
        public Builder priority(int value) {
            this.priority = value;
            return this;
        }

        /** Images the job makes. */
        public Builder totalImages(int value) {
            this.totalImages = value;
            return this;
        }

        /** Attempts before a failing job is FAILED. */
        public Builder maxAttempts(int value) {
            this.maxAttempts = value;
            return this;
        }

        /** The submit's idempotency key, or {@code null}. */
        public Builder idempotencyKey(String value) {
            this.idempotencyKey = value;
            return this;
        }

        /** What a partly successful job captures of its hold. */
        public Builder captureRule(CaptureRule value) {
            this.captureRule = value;
            return this;
        }

        /** Where the job is in its life. */
        public Builder status(JobStatus value) {
            this.status = value;
            return this;
        }

        /** Every field of {@link JobProgress} at once. */
        public Builder progress(JobProgress value) {
            return successfulImages(value.successfulImages()).failedImages(value.failedImages()).attempts(value.attempts());
        }

        /** Images that succeeded. */
        public Builder successfulImages(int value) {
            this.successfulImages = value;
            return this;
        }

        /** Images that failed. */
        public Builder failedImages(int value) {
            this.failedImages = value;
            return this;
        }

        /** Claims so far. */
        public Builder attempts(int value) {
            this.attempts = value;
            return this;
        }

        /** The lease, or {@code null} for none. */
        public Builder lease(JobLease value) {
            return value == null ? lease(null, null) : lease(value.owner(), value.expiresAt());
        }

        /** The lease: its worker and its end; both {@code null} for none. */
        public Builder lease(String owner, Instant expiresAt) {
            this.leaseOwner = owner;
            this.leaseExpiresAt = expiresAt;
            return this;
        }

        /** Every field of {@link JobTimes} at once. */
        public Builder times(JobTimes value) {
            return createdAt(value.createdAt()).runAfter(value.runAfter()).startedAt(value.startedAt())
                    .completedAt(value.completedAt());
        }

        /** When it was submitted. */
        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        /** Not claimed before this instant. */
        public Builder runAfter(Instant value) {
            this.runAfter = value;
            return this;
        }

        /** When it was first claimed, or {@code null}. */
        public Builder startedAt(Instant value) {
            this.startedAt = value;
            return this;
        }

        /** When it finished, or {@code null}. */
        public Builder completedAt(Instant value) {
            this.completedAt = value;
            return this;
        }

        /** The token hold that follows the job, or {@code null}. */
        public Builder holdId(HoldId value) {
            this.holdId = value;
            return this;
        }

        /** The last failure's message, or {@code null}. */
        public Builder errorMessage(String value) {
            this.errorMessage = value;
            return this;
        }

        /**
         * The job.
         *
         * @throws NullPointerException when id, owner or status is not set
         */
        public Job build() {
            return new Job(this);
        }
    }
}
