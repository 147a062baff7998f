package dev.genstore;

import dev.genstore.accounts.Accounts;
import dev.genstore.auth.OneTimePasswords;
import dev.genstore.auth.OtpPolicy;
import dev.genstore.blobs.BlobStore;
import dev.genstore.budget.BudgetAlertListener;
import dev.genstore.budget.BudgetPolicy;
import dev.genstore.budget.Budgets;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.ImageCache;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StoreClosedException;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.Images;
import dev.genstore.internal.accounts.AccountsService;
import dev.genstore.internal.budget.BudgetsService;
import dev.genstore.internal.jobs.CachedQueueLevels;
import dev.genstore.internal.DatabaseBlobStore;
import dev.genstore.internal.ops.HousekeeperService;
import dev.genstore.internal.cache.ImageCacheService;
import dev.genstore.internal.images.ImagesService;
import dev.genstore.internal.qa.QaService;
import dev.genstore.internal.jobs.JobsService;
import dev.genstore.internal.jobs.QueueService;
import dev.genstore.internal.QueueSignal;
import dev.genstore.internal.ledger.LedgerService;
import dev.genstore.internal.ops.OperationsService;
import dev.genstore.internal.ops.Monitor;
import dev.genstore.internal.auth.OtpService;
import dev.genstore.internal.prompts.PromptsService;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.transfer.TransferService;
import dev.genstore.jobs.JobQueue;
import dev.genstore.jobs.Jobs;
import dev.genstore.jobs.QueuePolicy;
import dev.genstore.ledger.Ledger;
import dev.genstore.prompts.PromptThumbnailStorage;
import dev.genstore.ops.Housekeeper;
import dev.genstore.ops.HousekeepingPolicy;
import dev.genstore.ops.Operations;
import dev.genstore.metrics.StoreMetrics;
import dev.genstore.prompts.Prompts;
import dev.genstore.qa.QaPolicy;
import dev.genstore.qa.QualityAssurance;
import dev.genstore.spi.Storage;
import dev.genstore.transfer.TransferListener;
import dev.genstore.transfer.TransferReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The entry point: a store of users, token ledgers and the rest, over one {@link Storage}.
 *
 * <pre>{@code
 * try (Genstore store = Genstore.builder().storage(SqliteStorage.file(Path.of("app.db"))).build()) {
 *     User ann = store.accounts().create(NewUser.withEmail("ann@example.com"));
 *     store.ledger().credit(ann.id(), 100, "SIGNUP_BONUS", "signup-" + ann.id());
 * }
 * }</pre>
 *
 * <p>Thread-safe: share one instance across the application and close it on shutdown. Every service method runs in
 * its own transaction, or joins the one {@link #transaction} opened on the calling thread.
 */
public final class Genstore implements AutoCloseable, Transaction {
    /** The default of {@link Builder#slowOperationThreshold}. */
    public static final Duration DEFAULT_SLOW_OPERATION_THRESHOLD = Duration.ofMillis(500);
    /** The default of {@link Builder#operationDeadline(Duration)}. */
    public static final Duration DEFAULT_OPERATION_DEADLINE = Duration.ofSeconds(30);

    private final Storage storage;
    private final Clock clock;
    private final Accounts accounts;
    private final OneTimePasswords otp;
    private final Ledger ledger;
    private final Jobs jobs;
    private final JobQueue queue;
    private final BlobStore blobs;
    private final Images images;
    private final Budgets budgets;
    private final Prompts prompts;
    private final ImageCache cache;
    private final ImageCacheService cacheService;
    private final QualityAssurance qa;
    private final TransferService transfer;
    private final Operations operations;
    private final Monitor monitor;
    private final HousekeeperService housekeeper;
    private final QueueSignal queueSignal;

    private Genstore(Builder builder) {
        this.storage = builder.storage;
        this.clock = builder.clock;
        this.blobs = builder.blobStore != null ? builder.blobStore
                : storage.defaultBlobStore().orElseGet(() -> new DatabaseBlobStore(storage, clock));
        ServiceContext context = new ServiceContext(storage, clock, blobs, builder.metrics);
        this.queueSignal = context.queueSignal();
        queueSignal.pollInterval(builder.claimPollInterval);
        // Services call each other directly; only what the application is handed is timed (see Monitor).
        ImagesService imagesService = new ImagesService(context, builder.imagePolicy);
        LedgerService ledgerService = new LedgerService(context);
        JobsService jobsService = new JobsService(context, ledgerService, imagesService);
        OtpService otpService = new OtpService(context, builder.otpPolicy);
        BudgetsService budgetsService = new BudgetsService(context, builder.budgetPolicy,
                List.copyOf(builder.budgetAlertListeners));
        PromptsService promptsService = new PromptsService(context, builder.imagePolicy, builder.promptThumbnails);
        this.cacheService = new ImageCacheService(context, builder.cachePolicy);
        this.monitor = new Monitor(builder.metrics, builder.slowOperationThreshold);
        storage.statementListener(monitor);
        this.images = monitor.wrap(Images.class, "images", imagesService);
        this.accounts = monitor.wrap(Accounts.class, "accounts", new AccountsService(context, imagesService));
        this.otp = monitor.wrap(OneTimePasswords.class, "otp", otpService);
        this.ledger = monitor.wrap(Ledger.class, "ledger", ledgerService);
        this.jobs = monitor.wrap(Jobs.class, "jobs", jobsService);
        this.queue = monitor.wrap(JobQueue.class, "queue", new QueueService(context, ledgerService, builder.queuePolicy));
        this.budgets = monitor.wrap(Budgets.class, "budgets", budgetsService);
        this.prompts = monitor.wrap(Prompts.class, "prompts", promptsService);
        this.cache = monitor.wrap(ImageCache.class, "cache", cacheService);
        this.qa = monitor.wrap(QualityAssurance.class, "qa", new QaService(context, jobsService, cacheService, builder.qaPolicy));
        this.transfer = new TransferService(context, ledgerService);
        this.operations = monitor.wrap(Operations.class, "operations", new OperationsService(context, ledgerService,
                imagesService, otpService, budgetsService, cacheService, promptsService));
        if (builder.metrics != StoreMetrics.none()) {
            builder.metrics.queueLevels(new CachedQueueLevels(context));
        }
        // Last: its thread may start a task as soon as the first interval has passed.
        this.housekeeper = new HousekeeperService(context, builder.housekeeping, operations, queue);
    }

    /** A builder; {@link Builder#storage(Storage)} is the one required setting. */
    public static Builder builder() {
        return new Builder();
    }

    /** Opens a store over {@code storage} with every other setting at its default. */
    public static Genstore open(Storage storage) {
        return builder().storage(storage).build();
    }

    @Override
    public Accounts accounts() {
        return accounts;
    }

    @Override
    public OneTimePasswords otp() {
        return otp;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public Jobs jobs() {
        return jobs;
    }

    @Override
    public JobQueue queue() {
        return queue;
    }

    @Override
    public Images images() {
        return images;
    }

    @Override
    public Budgets budgets() {
        return budgets;
    }

    @Override
    public Prompts prompts() {
        return prompts;
    }

    @Override
    public QualityAssurance qa() {
        return qa;
    }

    @Override
    public ImageCache cache() {
        return cache;
    }

    /**
     * The blob store of this store: the one set with {@link Builder#blobStore}, or the backend's default (a directory
     * beside the database file for SQLite, the database itself for PostgreSQL and memory). Where it is the database, a
     * put made inside {@link #transaction} joins that transaction.
     */
    public BlobStore blobs() {
        return blobs;
    }

    /** Verify, maintain, measure and purge the whole store: for operators and scheduled tasks, outside transactions. */
    public Operations operations() {
        return operations;
    }

    /**
     * The periodic tasks (purge, expired-lease recovery, maintenance): scheduled when the builder was given a
     * {@link Builder#housekeeping policy} that is on, and runnable on demand in any case.
     */
    public Housekeeper housekeeping() {
        return housekeeper;
    }

    /** The clock every timestamp, expiry and lease is read from. */
    public Clock clock() {
        return clock;
    }

    /** The backend's name, e.g. {@code sqlite}. */
    public String backend() {
        return storage.name();
    }

    /**
     * Writes everything this store holds to {@code directory} (created when absent; it must be empty): each table as
     * JSON Lines in {@code tables/}, each blob as a file under {@code blobs/} named by its key with an index in
     * {@code blobs.jsonl}, and last {@code manifest.json} ({@link dev.genstore.transfer.Manifest}: schema version,
     * row counts and SHA-256 of every file). The rows are read in one read transaction (one snapshot on SQLite; on
     * PostgreSQL stop writers first for a point-in-time export). An export without a manifest did not finish.
     *
     * @throws dev.genstore.transfer.TransferException (TARGET_NOT_EMPTY) when the directory holds anything
     * @throws dev.genstore.transfer.TransferException (WRITE_FAILED) when a directory or file cannot be created or
     *                                                 written (the {@code IOException} is the cause)
     * @throws InvalidInputException                   when an argument is null or {@code directory} is a file
     * @throws StoreClosedException                    when the store is closed
     */
    public TransferReport exportTo(Path directory, TransferListener listener) {
        monitor.requireOpen();
        return transfer.exportTo(directory, listener);
    }

    /**
     * Reads an export made by {@link #exportTo} (from any backend) into this store, which must be new: no rows and no
     * blobs. Every file and blob is checked against the manifest (counts, SHA-256) and the schema version must be this
     * store's, all before anything is written; rows are then written in one transaction (blobs outside the database
     * are deleted again when it rolls back), counts and the ledger are verified before it commits. On any failure the
     * store is left as it was.
     *
     * @throws dev.genstore.transfer.TransferException with reason CHECKSUM_MISMATCH, COUNT_MISMATCH, TARGET_NOT_EMPTY,
     *                                                 SCHEMA_MISMATCH, UNREADABLE or VERIFICATION_FAILED
     * @throws InvalidInputException                   when an argument is null
     */
    public TransferReport importFrom(Path directory, TransferListener listener) {
        monitor.requireOpen();
        return transfer.importFrom(directory, listener);
    }

    /**
     * Copies every row and blob of this store into {@code target} (another backend too, e.g. SQLite to PostgreSQL),
     * then verifies: counts and a checksum of the rows of every table, the target's ledger, and the SHA-256 of every
     * blob. Rows go in pages, each its own transaction, and replace rows with the same key, so a copy that was
     * interrupted can be run again and finishes without duplicates. Stop writers to this store while it runs; the
     * target should be new (anything else in it fails the verification).
     *
     * @throws dev.genstore.transfer.TransferException with reason SCHEMA_MISMATCH (before copying), or COUNT_MISMATCH,
     *                                                 CHECKSUM_MISMATCH or VERIFICATION_FAILED (after)
     * @throws InvalidInputException                   when an argument is null or {@code target} is this store
     */
    public TransferReport copyTo(Genstore target, TransferListener listener) {
        if (target == null) {
            throw new InvalidInputException("target", "must not be null");
        }
        monitor.requireOpen();
        target.monitor.requireOpen();
        return transfer.copyTo(target.transfer, listener);
    }

    /**
     * Runs {@code work} in one transaction across services: it commits when {@code work} returns and rolls all of it
     * back when {@code work} throws (the exception is rethrown as is). On a transient storage conflict (a deadlock,
     * two transactions inserting one unique key) the whole of {@code work} may run again, so keep effects outside the
     * store (sending mail, calling a provider) out of it.
     */
    public <T> T transaction(Function<Transaction, T> work) {
        if (work == null) {
            throw new InvalidInputException("work", "must not be null");
        }
        return monitor.time("genstore", "transaction", () -> storage.write(repositories -> work.apply(this)));
    }

    /** Like {@link #transaction(Function)}, for work that returns nothing. */
    public void useTransaction(Consumer<Transaction> work) {
        if (work == null) {
            throw new InvalidInputException("work", "must not be null");
        }
        monitor.time("genstore", "transaction", () -> storage.write(repositories -> {
            work.accept(this);
            return null;
        }));
    }

    /**
     * Writes the cache's buffered accesses, then closes the storage. A memory store's data is gone afterwards. From the
     * moment it is called, every method of every service this store handed out, {@link #transaction},
     * {@link #useTransaction}, {@link #exportTo}, {@link #importFrom}, {@link #copyTo} and
     * {@link Housekeeper#runNow} throw {@link StoreClosedException}; {@link #clock()} and {@link #backend()} still
     * answer, and so does {@link #blobs()} where it keeps blobs outside the database. Closing again does nothing.
     */
    @Override
    public void close() {
        if (!monitor.close()) { // from here on every service call, transaction and transfer is refused
            return; // closed before
        }
        try {
            queueSignal.close(); // waiting claims end first, before their storage goes
            housekeeper.close();
            cacheService.close();
        } finally {
            storage.close();
        }
    }

    /** Configures and opens a {@link Genstore}. Each setting is checked when it is made. */
    public static final class Builder {
        private Storage storage;
        private Clock clock = Clock.systemUTC();
        private OtpPolicy otpPolicy = OtpPolicy.DEFAULT;
        private QueuePolicy queuePolicy = QueuePolicy.DEFAULT;
        private ImagePolicy imagePolicy = ImagePolicy.DEFAULT;
        private PromptThumbnailStorage promptThumbnails = PromptThumbnailStorage.DATABASE;
        private BlobStore blobStore;
        private BudgetPolicy budgetPolicy = BudgetPolicy.DEFAULT;
        private final List<BudgetAlertListener> budgetAlertListeners = new ArrayList<>();
        private CachePolicy cachePolicy = CachePolicy.DEFAULT;
        private QaPolicy qaPolicy = QaPolicy.DEFAULT;
        private StoreMetrics metrics = StoreMetrics.none();
        private Duration slowOperationThreshold = DEFAULT_SLOW_OPERATION_THRESHOLD;
        private Duration operationDeadline = DEFAULT_OPERATION_DEADLINE;
        private HousekeepingPolicy housekeeping = HousekeepingPolicy.OFF;
        private Duration claimPollInterval = QueueSignal.DEFAULT_POLL_INTERVAL;

        private Builder() {
        }

        /** The backend, e.g. {@code SqliteStorage.file(path)}, {@code PostgresStorage.of(url)}, {@code MemoryStorage.create()}. */
        public Builder storage(Storage storage) {
            this.storage = require("storage", storage);
            return this;
        }

        /** The clock for timestamps and expiry; the system UTC clock by default. */
        public Builder clock(Clock clock) {
            this.clock = require("clock", clock);
            return this;
        }

        /** How one-time codes are made and checked; {@link OtpPolicy#DEFAULT} by default. */
        public Builder otpPolicy(OtpPolicy policy) {
            this.otpPolicy = require("otpPolicy", policy);
            return this;
        }

        /** How failed jobs are retried; {@link QueuePolicy#DEFAULT} by default. */
        public Builder queuePolicy(QueuePolicy policy) {
            this.queuePolicy = require("queuePolicy", policy);
            return this;
        }

        /** What storing an image accepts and which variants it makes; {@link ImagePolicy#DEFAULT} by default. */
        public Builder imagePolicy(ImagePolicy policy) {
            this.imagePolicy = require("imagePolicy", policy);
            return this;
        }

        /** Where prompt thumbnails go: {@link PromptThumbnailStorage#DATABASE} (the default) or the blob store. */
        public Builder promptThumbnails(PromptThumbnailStorage where) {
            this.promptThumbnails = require("promptThumbnails", where);
            return this;
        }

        /**
         * The time zone of budget periods, the lifetime of reservations and the default alert thresholds;
         * {@link BudgetPolicy#DEFAULT} (UTC, 15 minutes, 50/80/100 %) by default.
         */
        public Builder budgetPolicy(BudgetPolicy policy) {
            this.budgetPolicy = require("budgetPolicy", policy);
            return this;
        }

        /**
         * Adds a listener told of each budget alert after the transaction that recorded it commits (never for one that
         * rolled back, once per alert; see {@link BudgetAlertListener}). Listeners are called in the order added; one
         * that throws is logged and does not stop the others.
         *
         * @throws InvalidInputException when {@code listener} is null
         */
        public Builder budgetAlertListener(BudgetAlertListener listener) {
            budgetAlertListeners.add(require("budgetAlertListener", listener));
            return this;
        }

        /**
         * Where image files and other blobs go, instead of the backend's default (a directory beside the database file
         * for SQLite, the database for PostgreSQL and memory), e.g. {@code BlobStore.directory(path)}.
         */
        public Builder blobStore(BlobStore store) {
            this.blobStore = require("blobStore", store);
            return this;
        }

        /** The image cache's bounds, time-to-live and access buffer; {@link CachePolicy#DEFAULT} by default. */
        public Builder cachePolicy(CachePolicy policy) {
            this.cachePolicy = require("cachePolicy", policy);
            return this;
        }

        /** How regeneration jobs of failed quality checks are made; {@link QaPolicy#DEFAULT} by default. */
        public Builder qaPolicy(QaPolicy policy) {
            this.qaPolicy = require("qaPolicy", policy);
            return this;
        }

        /**
         * Where the store reports its measurements: operation timings, claims and lease expiries, ledger debits and
         * refusals, budget spend, cache hits and evictions, queue depth and lag per provider. E.g.
         * {@code MicrometerMetrics.of(registry)} (which needs {@code micrometer-core} on the class path);
         * {@link StoreMetrics#none()} (nothing, at no cost) by default.
         */
        public Builder metrics(StoreMetrics metrics) {
            this.metrics = require("metrics", metrics);
            return this;
        }

        /**
         * Operations that take at least this long are logged at WARN to the SLF4J logger {@code dev.genstore.slow},
         * with their duration, outcome and the names of the SQL statements they ran (e.g. {@code UPDATE
         * token_accounts}), never a parameter value. 500 ms by default; {@link Duration#ZERO} logs every operation.
         *
         * @throws InvalidInputException when {@code threshold} is null or negative
         */
        public Builder slowOperationThreshold(Duration threshold) {
            require("slowOperationThreshold", threshold);
            if (threshold.isNegative()) {
                throw new InvalidInputException("slowOperationThreshold", "must not be negative, was " + threshold);
            }
            this.slowOperationThreshold = threshold;
            return this;
        }

        /**
         * How long one storage operation may take, retries included, while the database cannot be reached (a server
         * restarting, a network cut): genstore retries transient failures (conflicts, lost connections, a server
         * shutting down or starting up) within it, and past it the call fails with a retryable
         * {@link dev.genstore.errors.StorageException} that says the database is unreachable. 30 s by default.
         *
         * @throws InvalidInputException when {@code deadline} is null, not positive or longer than a day
         */
        public Builder operationDeadline(Duration deadline) {
            require("operationDeadline", deadline);
            if (deadline.isNegative() || deadline.isZero() || deadline.compareTo(Duration.ofDays(1)) > 0) {
                throw new InvalidInputException("operationDeadline", "must be positive and at most a day, was " + deadline);
            }
            this.operationDeadline = deadline;
            return this;
        }

        /**
         * Which periodic tasks the store runs by itself on a thread of its own (purge of expired codes, holds,
         * reservations and cache entries; recovery of expired job leases; database maintenance), e.g.
         * {@link HousekeepingPolicy#defaults()}. {@link HousekeepingPolicy#OFF} by default: the application calls
         * {@link Genstore#operations()} itself. On PostgreSQL one store at a time runs each task.
         */
        public Builder housekeeping(HousekeepingPolicy policy) {
            this.housekeeping = require("housekeeping", policy);
            return this;
        }

        /**
         * How often a waiting claim ({@link JobQueue#claim(dev.genstore.jobs.ClaimRequest, Duration)}) looks for work
         * on its own when nothing woke it: what a job whose {@code runAfter} came, a resumed job, or a missed
         * notification costs in delay at most. 500 ms by default; each look is one claim on the database.
         *
         * @throws InvalidInputException when {@code interval} is null, under 10 ms or over 5 minutes
         */
        public Builder claimPollInterval(Duration interval) {
            require("claimPollInterval", interval);
            if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(JobQueue.MAX_CLAIM_WAIT) > 0) {
                throw new InvalidInputException("claimPollInterval", "must be between 10 ms and 5 minutes, was " + interval);
            }
            this.claimPollInterval = interval;
            return this;
        }

        /**
         * Opens the storage (applying schema migrations) and returns the store.
         *
         * @throws InvalidInputException                           (field {@code storage}) when no storage was set, or
         *                                                         the storage already serves a store
         * @throws dev.genstore.errors.IncompatibleSchemaException when a newer genstore migrated the database
         * @throws dev.genstore.errors.StorageException            when the database cannot be reached, opened or migrated
         */
        public Genstore build() {
            if (storage == null) {
                throw new InvalidInputException("storage", "must be set: SqliteStorage.file(path), PostgresStorage.of(url) or MemoryStorage.create()");
            }
            storage.operationDeadline(operationDeadline);
            storage.open();
            return new Genstore(this);
        }

        private static <T> T require(String field, T value) {
            if (value == null) {
                throw new InvalidInputException(field, "must not be null");
            }
            return value;
        }
    }
}
