package dev.genstore.benchmarks.workloads;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.benchmarks.Harness;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.TrialWorkload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.benchmarks.workloads.Statements.JobRow;
import dev.genstore.jobs.ClaimedJob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job queue: {@code bench.queue.threads} workers (4) each claim {@code bench.queue.batch} jobs (10) at a time and
 * complete them one by one (each completion its own transaction, as a worker finishing a generation does). One
 * operation is one job completed, its share of a claim included, so ops/s is jobs/s. Jobs cost no tokens (no hold to
 * capture), have one provider without a limit, and are queued beforehand with plain JDBC (rows as {@code submit}
 * writes them); before every timed run the queue is topped up to hold 3 × what the side did in its fastest run so far
 * ({@code bench.queue.rate} jobs/s is the first guess: 6,000 on PostgreSQL, 20,000 on SQLite, 2,000 on memory), so it
 * never runs dry. A claim that comes back empty all the same (H2 applies LIMIT before SKIP LOCKED, so a claimer whose
 * candidates are all locked by others gets nothing) is retried and counted: {@code genstore_empty_claims},
 * {@code baseline_empty_claims}.
 *
 * <p>The baseline runs genstore's statements by hand: a claim locks up to 4 × batch claimable rows (the QUEUED query
 * and the expired-lease query, {@code FOR UPDATE SKIP LOCKED} where there are row locks), the provider-limit rows, and
 * updates each job it takes; a completion locks the job row and updates it. It parses the JSON parameters of the jobs
 * it takes (a worker needs them), not of the rows it passes over.
 *
 * <p>On PostgreSQL two more results compare genstore with db-scheduler and with JobRunr ({@link QueuePeers}).
 */
public final class QueueWorkload implements TrialWorkload {
    private static final Duration LEASE = Duration.ofMinutes(10);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    /** QueueService's over-fetch: candidates locked per slot asked for. */
    private static final int OVERFETCH = 4;
    private static final Comparator<JobRow> CLAIM_ORDER = Comparator.comparingInt(JobRow::priority).reversed()
            .thenComparing(JobRow::createdAt).thenComparing(job -> job.id().toString());

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        List<Result> results = new ArrayList<>();
        try (Trial trial = open(backend, settings)) {
            QueueTrial queue = (QueueTrial) trial;
            results.add(new Harness(settings).run(name(), backend.name(), trial)
                    .field("genstore_empty_claims", Long.toString(queue.genstoreSide.emptyClaims.get()))
                    .field("baseline_empty_claims", Long.toString(queue.baselineSide.emptyClaims.get())));
        }
        if (backend.name().equals("postgres") && !Boolean.getBoolean("bench.queue.skipPeers")) {
            results.addAll(QueuePeers.run(backend));
        }
        if (backend.name().equals("postgres") && !Boolean.getBoolean("bench.queue.skipEnqueue")) {
            results.add(QueueEnqueue.run(backend)); // enqueue against db-scheduler (QueueEnqueue)
        }
        return results;
    }

    @Override
    public Trial open(Backend backend, Settings settings) throws Exception {
        int threads = Settings.intProperty("bench.queue.threads", 4);
        int batch = Settings.intProperty("bench.queue.batch", 10);
        int rate = Settings.intProperty("bench.queue.rate", switch (backend.name()) {
            case "postgres" -> 6_000;
            case "sqlite" -> 20_000;
            default -> 2_000; // H2 sorts every queued row per claim: a deep first guess would slow every claim after it
        });
        Genstore store = Genstore.open(backend.genstoreNamed("queue_genstore"));
        try {
            UUID[] genstoreOwners = seed(store);
            UUID[] baselineOwners;
            try (Genstore seeding = Genstore.open(backend.baselineSchema("queue_baseline"))) {
                baselineOwners = seed(seeding);
            }
            RawDatabase raw = backend.raw("queue_baseline");
            return new QueueTrial(backend, threads, batch, rate, store, genstoreOwners, raw, baselineOwners);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    /** Ten users to own the jobs. */
    static UUID[] seed(Genstore store) {
        return store.transaction(tx -> {
            UUID[] owners = new UUID[10];
            for (int i = 0; i < owners.length; i++) {
                owners[i] = tx.accounts().create(NewUser.withEmail("worker-owner" + i + "@bench.example.com")).id().value();
            }
            return owners;
        });
    }

    /** A job a worker holds: what it needs to run it and to complete it. */
    private record Held(UUID id, long fencingToken, Map<String, Object> parameters) {
    }

    /** One side's queue: its database, its owners, what its workers hold, and how fast it went. */
    private static final class Side {
        final String database;
        final UUID[] owners;
        final ThreadLocal<Deque<Object>> held = ThreadLocal.withInitial(ArrayDeque::new);
        final AtomicLong completed = new AtomicLong();
        /** Claims that came back empty although jobs were queued (H2 under concurrent claimers), retried at once. */
        final AtomicLong emptyClaims = new AtomicLong();
        /** Jobs/s assumed before the first run. */
        final double guess;
        /** The fastest run so far, in jobs/s; 0 before the first. */
        double fastest;
        long completedBefore = -1;
        double lastSeconds;

        Side(String database, UUID[] owners, double guess) {
            this.database = database;
            this.owners = owners;
            this.guess = guess;
        }
    }

    private static final class QueueTrial implements Trial {
        private final Backend backend;
        private final int threads;
        private final int batch;
        private final Genstore store;
        private final RawDatabase raw;
        private final Statements sql;
        private final Side genstoreSide;
        private final Side baselineSide;
        private final Ids ids = new Ids();
        private final Clock clock = Clock.systemUTC();

        QueueTrial(Backend backend, int threads, int batch, int rate, Genstore store, UUID[] genstoreOwners,
                   RawDatabase raw, UUID[] baselineOwners) {
            this.backend = backend;
            this.threads = threads;
            this.batch = batch;
            this.store = store;
            this.raw = raw;
            this.sql = new Statements(backend);
            this.genstoreSide = new Side("queue_genstore", genstoreOwners, rate);
            this.baselineSide = new Side("queue_baseline", baselineOwners, rate);
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public boolean reportsCpu() {
            return true;
        }

        @Override
        public void beforeRun(boolean genstore, Duration duration) throws SQLException {
            Side side = genstore ? genstoreSide : baselineSide;
            long done = side.completed.get();
            if (side.completedBefore >= 0) {
                side.fastest = Math.max(side.fastest, (done - side.completedBefore) / side.lastSeconds);
            }
            side.completedBefore = done;
            side.lastSeconds = duration.toNanos() / 1e9;
            double rate = side.fastest > 0 ? side.fastest : side.guess;
            long wanted = (long) Math.ceil(rate * side.lastSeconds * 3) + 2L * threads * batch + 100;
            long queued = QueueJobs.count(backend, side.database, "QUEUED");
            if (queued < wanted) {
                QueueJobs.add(backend, sql, side.database, side.owners, ids, (int) (wanted - queued));
            }
        }

        private static String worker() {
            return "worker-" + Thread.currentThread().getName();
        }

        @Override
        public Operation genstore() {
            return () -> {
                Deque<Object> held = genstoreSide.held.get();
                for (int empty = 0; held.isEmpty(); empty++) {
                    List<ClaimedJob> claimed = store.queue().claim(worker(), batch, LEASE);
                    if (claimed.isEmpty()) {
                        emptyClaim(genstoreSide, empty);
                    }
                    held.addAll(claimed);
                }
                ClaimedJob job = (ClaimedJob) held.poll();
                store.queue().complete(job.id(), job.fencingToken(), 1, 0);
                genstoreSide.completed.incrementAndGet();
            };
        }

        @Override
        public Operation baseline() {
            return () -> {
                Deque<Object> held = baselineSide.held.get();
                for (int empty = 0; held.isEmpty(); empty++) {
                    List<Held> claimed = claim(worker());
                    if (claimed.isEmpty()) {
                        emptyClaim(baselineSide, empty);
                    }
                    held.addAll(claimed);
                }
                Held job = (Held) held.poll();
                complete(job.id(), job.fencingToken());
                baselineSide.completed.incrementAndGet();
            };
        }

        /**
         * A claim found nothing. With SKIP LOCKED that happens when every candidate is locked by a concurrent claim and
         * the database applies LIMIT before skipping (H2 does; PostgreSQL skips and keeps counting): the worker asks
         * again. Thousands in a row means the queue really ran dry, which the top-up should prevent.
         */
        private static void emptyClaim(Side side, int inARow) {
            side.emptyClaims.incrementAndGet();
            if (inARow >= 10_000) {
                throw new IllegalStateException(side.database + ": the queue ran dry");
            }
            Thread.onSpinWait();
        }

        private static Instant micros(Instant instant) {
            return instant.truncatedTo(ChronoUnit.MICROS);
        }

        /** QueueService.claim by hand (no provider has a limit here, so one pass). */
        private List<Held> claim(String worker) throws SQLException {
            return raw.inTransaction(c -> {
                Instant now = micros(clock.instant());
                Instant leaseEnd = micros(now.plus(LEASE));
                int limit = batch * OVERFETCH;
                List<JobRow> candidates = new ArrayList<>(claimable(c, sql.claimQueued, now, limit));
                candidates.addAll(claimable(c, sql.claimExpired, now, limit));
                candidates.sort(CLAIM_ORDER);
                if (candidates.size() > limit) {
                    candidates = candidates.subList(0, limit);
                }
                Set<String> providers = new TreeSet<>();
                candidates.forEach(job -> providers.add(job.provider()));
                if (!providers.isEmpty()) {
                    try (PreparedStatement select = c.prepareStatement(Statements.in(sql.lockProviderLimits, providers.size()))) {
                        int i = 1;
                        for (String provider : providers) {
                            select.setString(i++, provider);
                        }
                        try (ResultSet rs = select.executeQuery()) {
                            if (rs.next()) {
                                throw new IllegalStateException("the baseline does not apply provider limits");
                            }
                        }
                    }
                }
                List<Held> claimed = new ArrayList<>(batch);
                for (JobRow job : candidates) {
                    if (claimed.size() == batch) {
                        break;
                    }
                    if (job.status().equals("RUNNING") && job.attempts() >= job.maxAttempts()) {
                        throw new IllegalStateException("the baseline does not fail abandoned jobs");
                    }
                    int attempt = job.attempts() + 1;
                    sql.updateJob(c, job.id(), "RUNNING", false, job.successfulImages(), job.failedImages(), attempt,
                            job.runAfter(), worker, leaseEnd, job.errorMessage(),
                            job.startedAt() == null ? now : job.startedAt(), null);
                    claimed.add(new Held(job.id(), attempt, parse(job.parameters())));
                }
                return claimed;
            });
        }

        private List<JobRow> claimable(Connection c, String query, Instant now, int limit) throws SQLException {
            List<JobRow> rows = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(query)) {
                sql.instant(select, 1, now);
                select.setInt(2, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(sql.jobRow(rs));
                    }
                }
            }
            return rows;
        }

        private static Map<String, Object> parse(String json) {
            try {
                return JSON.readValue(json, MAP);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("stored JSON is not readable: " + e.getMessage(), e);
            }
        }

        /** QueueService.complete by hand: lock, check the lease and the token, finish (no hold to capture). */
        private void complete(UUID id, long fencingToken) throws SQLException {
            raw.inTransaction(c -> {
                Instant now = micros(clock.instant());
                JobRow job = sql.lockJob(c, id);
                if (job == null) {
                    throw new IllegalStateException("no job " + id);
                }
                if (job.attempts() != fencingToken || !job.status().equals("RUNNING") || !now.isBefore(job.leaseExpiresAt())) {
                    throw new IllegalStateException("lease lost on " + id);
                }
                if (job.totalImages() < 1) {
                    throw new IllegalStateException("1 image exceeds the job's " + job.totalImages());
                }
                if (job.holdId() != null) {
                    throw new IllegalStateException("the baseline's jobs hold no tokens");
                }
                sql.updateJob(c, id, "SUCCEEDED", true, 1, 0, job.attempts(), job.runAfter(), null, null,
                        job.errorMessage(), job.startedAt(), now);
                return null;
            });
        }

        @Override
        public void check(long genstoreOps, long baselineOps) throws SQLException {
            long genstoreDone = QueueJobs.count(backend, genstoreSide.database, "SUCCEEDED");
            long baselineDone = QueueJobs.count(backend, baselineSide.database, "SUCCEEDED");
            if (genstoreDone != genstoreOps || baselineDone != baselineOps) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "completed jobs: genstore %d of %d counted, baseline %d of %d", genstoreDone, genstoreOps,
                        baselineDone, baselineOps));
            }
        }

        @Override
        public void close() throws Exception {
            try {
                raw.close();
            } finally {
                store.close();
            }
        }
    }

}
