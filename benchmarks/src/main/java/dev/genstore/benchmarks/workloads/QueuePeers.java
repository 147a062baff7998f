package dev.genstore.benchmarks.workloads;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.Genstore;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.postgres.PostgresStorage;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * genstore's queue against db-scheduler and JobRunr ({@link JobRunrPeer}) on the same PostgreSQL server, draining the
 * same work, one result line per peer: {@code
 * bench.queue.drainJobs} jobs (10,000) queued beforehand, run by 4 threads, timed from the start of the workers (or of
 * the scheduler) until every job is finished and committed; {@code bench.queue.drainRounds} rounds (3), alternating
 * which goes first, each in its own database, vacuumed before every round. The result is each side's median jobs/s.
 *
 * <p>genstore: 4 worker threads loop {@code claim(worker, 10, 10 min)}, then {@code complete} of each claimed job,
 * until a claim comes back empty. Jobs as in the queue workload (no token cost).
 *
 * <p>db-scheduler: a one-time task whose data is the job's parameters (a String, the same JSON, parsed by the handler
 * as genstore parses it for the worker); the executions are put in with {@code SchedulerClient.scheduleBatch} before
 * the scheduler starts; the table is db-scheduler's documented PostgreSQL schema. Settings: {@code threads(4)},
 * {@code pollUsingLockAndFetch(1.0, 4.0)} (the README's setting for high throughput: one {@code UPDATE … SKIP LOCKED
 * … RETURNING} picks up to 16 executions, the next fetch starts when 4 or fewer are left, without waiting for the
 * polling interval), {@code pollingInterval(100 ms)} (default 10 s; it only matters when the table runs empty), a
 * HikariCP pool of 10 as genstore's. Knobs: {@code bench.queue.dbscheduler.lower} / {@code .upper} (1.0 / 4.0),
 * {@code bench.queue.dbscheduler.pollMillis} (100). A one-time task's row is deleted on success, in the same
 * connection that runs the completion.
 *
 * <p>Evidence for the reading, in fields after {@code ratio=}: the WAL each side writes per job
 * ({@code genstore_wal_per_job}, {@code baseline_wal_per_job}, in bytes, from {@code pg_current_wal_lsn}), and a
 * what-if drained the same way in the same rounds: genstore's schema and job rows worked by hand with one statement
 * per claim ({@code UPDATE … WHERE id IN (SELECT … FOR UPDATE SKIP LOCKED) RETURNING}) and one per completion (a
 * conditional {@code UPDATE} in autocommit) ({@code lean_sql} jobs/s, {@code lean_sql_wal_per_job}), and the same
 * claim with the whole claimed batch completed by one statement in one commit, as a {@code completeAll} call would
 * ({@code lean_sql_batch_complete}, {@code lean_sql_batch_complete_wal_per_job}). They show what genstore's queue
 * could reach with that SQL; they skip what genstore's claim also does when needed (expired leases, provider limits,
 * token holds). Where the time goes: the CPU each job costs genstore and db-scheduler on the client (this JVM) and on
 * the server (PostgreSQL's processes, from {@code /proc}) ({@code genstore_client_cpu_us}, {@code genstore_server_cpu_us},
 * {@code baseline_client_cpu_us}, {@code baseline_server_cpu_us}), and the mean time a genstore worker waits in
 * {@code claim} and in {@code complete} ({@code genstore_claim_ms}, {@code genstore_complete_ms}).
 *
 * <p>{@code bench.queue.drainSides} (all: {@code genstore,dbscheduler,jobrunr,lean,batch}) picks the sides drained,
 * to profile one alone; a side left out reports NaN.
 */
final class QueuePeers {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    /** Workers per side ({@code bench.queue.drainThreads}, 8). */
    private static final int THREADS = Settings.intProperty("bench.queue.drainThreads", 8);
    private static final int BATCH = 10;
    private static final String GENSTORE_DB = "drain_genstore";
    private static final String SCHEDULER_DB = "drain_dbscheduler";
    private static final String LEAN_DB = "drain_lean";
    private static final String JOBRUNR_DB = "drain_jobrunr";
    /**
     * The sides drained ({@code bench.queue.drainSides}, all by default: genstore, dbscheduler, jobrunr, lean, batch); a
     * side left out reports NaN. For profiling one side alone.
     */
    private static final java.util.Set<String> SIDES = java.util.Set.of(
            System.getProperty("bench.queue.drainSides", "genstore,dbscheduler,jobrunr,lean,batch").split(","));
    /** The what-if claim: one statement takes a batch (no expired-lease pass, no provider limits: none exist here). */
    private static final String LEAN_CLAIM = "UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, lease_owner = ?,"
            + " lease_expires_at = ?, started_at = COALESCE(started_at, ?) WHERE id IN (SELECT id FROM jobs"
            + " WHERE status = 'QUEUED' AND run_after <= ? ORDER BY priority DESC, created_at, id LIMIT ?"
            + " FOR UPDATE SKIP LOCKED) RETURNING id, attempts, prompt, parameters, provider, model";
    /** The what-if completion: one conditional UPDATE in autocommit; 0 rows means the lease was lost. */
    private static final String LEAN_COMPLETE = "UPDATE jobs SET status = 'SUCCEEDED', outcome = 'SUCCEEDED',"
            + " successful_images = ?, failed_images = ?, lease_owner = NULL, lease_expires_at = NULL, completed_at = ?"
            + " WHERE id = ? AND attempts = ? AND status = 'RUNNING' AND lease_expires_at > ? AND hold_id IS NULL";
    /** The second what-if: every job of a claim completed by one statement, one commit (a completeAll call). */
    private static final String LEAN_COMPLETE_ALL = "UPDATE jobs SET status = 'SUCCEEDED', outcome = 'SUCCEEDED',"
            + " successful_images = 1, failed_images = 0, lease_owner = NULL, lease_expires_at = NULL, completed_at = ?"
            + " WHERE (id, attempts) IN (SELECT * FROM unnest(?::uuid[], ?::int[])) AND status = 'RUNNING'"
            + " AND lease_expires_at > ? AND hold_id IS NULL";
    /** db-scheduler's postgresql_tables.sql, as its README points to it (migrations at its end included). */
    static final String[] SCHEMA = {
        "create table scheduled_tasks (task_name text not null, task_instance text not null, task_data bytea,"
            + " execution_time timestamp with time zone not null, picked BOOLEAN not null, picked_by text,"
            + " last_success timestamp with time zone, last_failure timestamp with time zone,"
            + " consecutive_failures INT, last_heartbeat timestamp with time zone, version BIGINT not null,"
            + " priority SMALLINT, PRIMARY KEY (task_name, task_instance))",
        "CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time)",
        "CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat)",
        "CREATE INDEX priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc)",
        "ALTER TABLE scheduled_tasks ALTER COLUMN execution_time DROP NOT NULL",
        "ALTER TABLE scheduled_tasks ADD COLUMN state text"};

    private QueuePeers() {
    }

    static List<Result> run(Backend backend) throws Exception {
        int jobs = Settings.intProperty("bench.queue.drainJobs", 10_000);
        int rounds = Settings.intProperty("bench.queue.drainRounds", 3);
        double lower = Double.parseDouble(System.getProperty("bench.queue.dbscheduler.lower", "1.0"));
        double upper = Double.parseDouble(System.getProperty("bench.queue.dbscheduler.upper", "4.0"));
        Duration polling = Duration.ofMillis(Settings.intProperty("bench.queue.dbscheduler.pollMillis", 100));
        Statements sql = new Statements(backend);
        backend.genstoreNamed(GENSTORE_DB); // creates the database
        // genstore's side on a pool like the one PostgresStorage.of(url) opens, over connections that count round trips.
        CountingDataSource counting = new CountingDataSource(() -> backend.connectAsGenstore(GENSTORE_DB));
        HikariConfig countingConfig = new HikariConfig();
        countingConfig.setPoolName("genstore-counted");
        countingConfig.setDataSource(counting);
        countingConfig.setMaximumPoolSize(10);
        countingConfig.setMinimumIdle(2);
        try (HikariDataSource countedPool = new HikariDataSource(countingConfig);
             Genstore store = Genstore.open(PostgresStorage.of(countedPool));
             HikariDataSource pool = pool(backend, SCHEDULER_DB)) {
            UUID[] owners = QueueWorkload.seed(store);
            try (Connection c = backend.connect(SCHEDULER_DB); Statement s = c.createStatement()) {
                for (String ddl : SCHEMA) {
                    s.execute(ddl);
                }
            }
            OneTimeTask<String> task = Tasks.oneTime("generate", String.class).execute((instance, context) -> {
                parse(instance.getData());
            });
            SchedulerClient client = SchedulerClient.Builder.create(pool, task).build();
            Genstore.open(backend.genstoreNamed(LEAN_DB)).close(); // genstore's schema for the what-if
            insertOwners(backend, sql, LEAN_DB, owners); // the what-if's jobs have the same owners
            UUID[] leanOwners = owners;
            Ids ids = new Ids();
            double[] genstoreRates = new double[rounds];
            double[] schedulerRates = new double[rounds];
            double[] leanRates = new double[rounds];
            double[] batchRates = new double[rounds];
            double[] jobrunrRates = new double[rounds];
            double[] jobrunrStartup = new double[rounds];
            long[] wal = new long[5];
            long[] roundTrips = new long[1];
            DrainCost cost = new DrainCost();
            try (HikariDataSource leanPool = pool(backend, LEAN_DB);
                 HikariDataSource jobrunrPool = pool(backend, JOBRUNR_DB);
                 JobRunrPeer jobrunr = new JobRunrPeer(jobrunrPool)) {
                for (int round = 0; round < rounds; round++) {
                    // Alternate the order, so that drift (the other tenants' load, autovacuum) falls on every side.
                    List<Runnable> sides = new ArrayList<>();
                    int r = round;
                    genstoreRates[r] = schedulerRates[r] = jobrunrRates[r] = leanRates[r] = batchRates[r] = Double.NaN;
                    if (SIDES.contains("genstore")) {
                        sides.add(unchecked(() -> {
                            long before = counting.roundTrips();
                            genstoreRates[r] = genstoreRound(backend, sql, store, owners, ids, jobs, wal, cost);
                            roundTrips[0] += counting.roundTrips() - before;
                        }));
                    }
                    if (SIDES.contains("dbscheduler")) {
                        sides.add(unchecked(() -> schedulerRates[r] = schedulerRound(backend, pool, client, task, jobs,
                                lower, upper, polling, wal, cost)));
                    }
                    if (SIDES.contains("jobrunr")) {
                        sides.add(unchecked(() -> {
                            jobrunrRates[r] = jobrunr.round(jobs, THREADS, wal, 3, () -> walPosition(backend, JOBRUNR_DB));
                            jobrunrStartup[r] = jobrunr.startupMillis();
                        }));
                    }
                    if (SIDES.contains("lean")) {
                        sides.add(unchecked(() -> leanRates[r] = leanRound(backend, sql, leanPool, leanOwners, ids, jobs,
                                wal, false)));
                    }
                    if (SIDES.contains("batch")) {
                        sides.add(unchecked(() -> batchRates[r] = leanRound(backend, sql, leanPool, leanOwners, ids, jobs,
                                wal, true)));
                    }
                    if (round % 2 == 1) {
                        java.util.Collections.reverse(sides);
                    }
                    sides.forEach(Runnable::run);
                    System.err.printf(Locale.ROOT, "queue postgres drain %d/%d: genstore %.0f jobs/s, db-scheduler %.0f"
                                    + " jobs/s (%.3f), JobRunr %.0f jobs/s (%.3f; first job %.0f ms after start);"
                                    + " what-if single-statement SQL %.0f jobs/s, and with batch completion %.0f jobs/s%n",
                            round + 1, rounds, genstoreRates[round], schedulerRates[round],
                            genstoreRates[round] / schedulerRates[round], jobrunrRates[round],
                            genstoreRates[round] / jobrunrRates[round], jobrunrStartup[round], leanRates[round],
                            batchRates[round]);
                }
            }
            long total = (long) jobs * rounds;
            String versusScheduler = String.format(Locale.ROOT, "%.3f", median(genstoreRates) / median(schedulerRates));
            String versusJobrunr = String.format(Locale.ROOT, "%.3f", median(genstoreRates) / median(jobrunrRates));
            String perProcessed = String.format(Locale.ROOT, "%.2f", (double) roundTrips[0] / total);
            Result scheduler = new Result("queue", backend.name(), median(genstoreRates), median(schedulerRates))
                    .label("peer", "db-scheduler")
                    .field("processing_ratio_dbscheduler", versusScheduler)
                    .field("processing_ratio_jobrunr", versusJobrunr)
                    .field("rt_per_processed", perProcessed)
                    .field("drain_jobs", Integer.toString(jobs))
                    .field("threads", Integer.toString(THREADS))
                    .field("genstore_wal_per_job", Long.toString(wal[0] / total))
                    .field("baseline_wal_per_job", Long.toString(wal[1] / total))
                    .field("genstore_claim_ms", cost.claimMillis())
                    .field("genstore_complete_ms", cost.completeMillis())
                    .field("genstore_client_cpu_us", cost.genstoreCpu.clientPerJob())
                    .field("genstore_server_cpu_us", cost.genstoreCpu.serverPerJob())
                    .field("baseline_client_cpu_us", cost.schedulerCpu.clientPerJob())
                    .field("baseline_server_cpu_us", cost.schedulerCpu.serverPerJob())
                    .field("lean_sql", String.format(Locale.ROOT, "%.0f", median(leanRates)))
                    .field("lean_sql_wal_per_job", Long.toString(wal[2] / total))
                    .field("lean_sql_batch_complete", String.format(Locale.ROOT, "%.0f", median(batchRates)))
                    .field("lean_sql_batch_complete_wal_per_job", Long.toString(wal[4] / total));
            Result jobrunrResult = new Result("queue", backend.name(), median(genstoreRates), median(jobrunrRates))
                    .label("peer", "jobrunr")
                    .field("processing_ratio_dbscheduler", versusScheduler)
                    .field("processing_ratio_jobrunr", versusJobrunr)
                    .field("rt_per_processed", perProcessed)
                    .field("drain_jobs", Integer.toString(jobs))
                    .field("threads", Integer.toString(THREADS))
                    .field("genstore_wal_per_job", Long.toString(wal[0] / total))
                    .field("baseline_wal_per_job", Long.toString(wal[3] / total))
                    .field("baseline_startup_ms", String.format(Locale.ROOT, "%.0f", median(jobrunrStartup)));
            return List.of(scheduler, jobrunrResult);
        }
    }

    /** Work that may throw, for a list of sides run in turn. */
    @FunctionalInterface
    private interface Side {
        void run() throws Exception;
    }

    private static Runnable unchecked(Side side) {
        return () -> {
            try {
                side.run();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** Users with these ids (rows as genstore writes them), so jobs can name them as owners. */
    private static void insertOwners(Backend backend, Statements sql, String database, UUID[] owners) throws SQLException {
        try (Connection c = backend.connect(database);
             java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO users (id, email, display_name,"
                     + " language, created_at, updated_at) VALUES (?, ?, NULL, 'en', ?, ?)")) {
            Instant now = Instant.now();
            for (int i = 0; i < owners.length; i++) {
                sql.uuid(insert, 1, owners[i]);
                insert.setString(2, "lean-owner" + i + "@bench.example.com");
                sql.bind.instant(insert, 3, now);
                sql.bind.instant(insert, 4, now);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The server's WAL position in bytes. */
    private static long walPosition(Backend backend, String database) throws SQLException {
        try (Connection c = backend.connect(database); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The what-if: genstore's schema and rows, worked by hand with one statement per claim and one per completion
     * ({@link #LEAN_CLAIM}, {@link #LEAN_COMPLETE}), each in autocommit. Returns jobs/s.
     */
    private static double leanRound(Backend backend, Statements sql, DataSource pool, UUID[] owners, Ids ids, int jobs,
                                    long[] wal, boolean batchComplete) throws Exception {
        vacuum(backend, LEAN_DB, "jobs");
        QueueJobs.add(backend, sql, LEAN_DB, owners, ids, jobs);
        long walBefore = walPosition(backend, LEAN_DB);
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String worker = "lean-worker-" + t;
                done.add(workers.submit(() -> {
                    go.await();
                    long completed = 0;
                    while (true) {
                        List<Object[]> claimed = new ArrayList<>(BATCH);
                        try (Connection c = pool.getConnection();
                             java.sql.PreparedStatement claim = c.prepareStatement(LEAN_CLAIM)) {
                            Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                            claim.setString(1, worker);
                            sql.instant(claim, 2, now.plus(Duration.ofMinutes(10)));
                            sql.instant(claim, 3, now);
                            sql.instant(claim, 4, now);
                            claim.setInt(5, BATCH);
                            try (ResultSet rs = claim.executeQuery()) {
                                while (rs.next()) {
                                    parse(rs.getString("parameters"));
                                    claimed.add(new Object[] {rs.getObject("id", UUID.class), rs.getInt("attempts")});
                                }
                            }
                        }
                        if (claimed.isEmpty()) {
                            return completed;
                        }
                        if (batchComplete) {
                            try (Connection c = pool.getConnection();
                                 java.sql.PreparedStatement complete = c.prepareStatement(LEAN_COMPLETE_ALL)) {
                                Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                                sql.instant(complete, 1, now);
                                complete.setArray(2, c.createArrayOf("uuid", claimed.stream().map(j -> j[0]).toArray()));
                                complete.setArray(3, c.createArrayOf("int4", claimed.stream().map(j -> j[1]).toArray()));
                                sql.instant(complete, 4, now);
                                if (complete.executeUpdate() != claimed.size()) {
                                    throw new IllegalStateException("a lease was lost in a batch of " + claimed.size());
                                }
                            }
                            completed += claimed.size();
                            continue;
                        }
                        for (Object[] job : claimed) {
                            try (Connection c = pool.getConnection();
                                 java.sql.PreparedStatement complete = c.prepareStatement(LEAN_COMPLETE)) {
                                Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
                                complete.setInt(1, 1);
                                complete.setInt(2, 0);
                                sql.instant(complete, 3, now);
                                sql.uuid(complete, 4, (UUID) job[0]);
                                complete.setInt(5, (Integer) job[1]);
                                sql.instant(complete, 6, now);
                                if (complete.executeUpdate() != 1) {
                                    throw new IllegalStateException("lease lost on " + job[0]);
                                }
                            }
                            completed++;
                        }
                    }
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            long completed = 0;
            for (Future<Long> f : done) {
                completed += f.get();
            }
            long nanos = System.nanoTime() - start;
            wal[batchComplete ? 4 : 2] += walPosition(backend, LEAN_DB) - walBefore;
            if (completed != jobs) {
                throw new IllegalStateException("the what-if drained " + completed + " of " + jobs);
            }
            return jobs * 1e9 / nanos;
        } finally {
            workers.shutdownNow();
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A pool of 10 on {@code database}, as PostgresStorage opens for genstore. */
    static HikariDataSource pool(Backend backend, String database) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(database);
        config.setDataSource(new Connecting(backend, database));
        config.setMaximumPoolSize(10);
        config.setMinimumIdle(2);
        return new HikariDataSource(config);
    }

    private static void vacuum(Backend backend, String database, String table) throws SQLException {
        try (Connection c = backend.connect(database); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE " + table);
        }
    }

    /** Queues {@code jobs}, then times 4 genstore workers draining them. Returns jobs/s. */
    private static double genstoreRound(Backend backend, Statements sql, Genstore store, UUID[] owners, Ids ids, int jobs,
                                        long[] wal, DrainCost cost) throws Exception {
        vacuum(backend, GENSTORE_DB, "jobs");
        long before = QueueJobs.count(backend, GENSTORE_DB, "SUCCEEDED");
        QueueJobs.add(backend, sql, GENSTORE_DB, owners, ids, jobs);
        long walBefore = walPosition(backend, GENSTORE_DB);
        CpuClock.Reading cpuBefore = CpuClock.Reading.now();
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Long>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String worker = "drain-worker-" + t;
                done.add(workers.submit(() -> {
                    go.await();
                    long completed = 0;
                    while (true) {
                        long claimStart = System.nanoTime();
                        List<ClaimedJob> claimed = store.queue().claim(worker, BATCH, Duration.ofMinutes(10));
                        cost.claimed(System.nanoTime() - claimStart);
                        if (claimed.isEmpty()) {
                            return completed;
                        }
                        for (ClaimedJob job : claimed) {
                            long completeStart = System.nanoTime();
                            store.queue().complete(job.id(), job.fencingToken(), 1, 0);
                            cost.completed(System.nanoTime() - completeStart);
                            completed++;
                        }
                    }
                }));
            }
            long start = System.nanoTime();
            go.countDown();
            long completed = 0;
            for (Future<Long> f : done) {
                completed += f.get();
            }
            long nanos = System.nanoTime() - start;
            cost.genstoreCpu.add(cpuBefore, jobs);
            wal[0] += walPosition(backend, GENSTORE_DB) - walBefore;
            long succeeded = QueueJobs.count(backend, GENSTORE_DB, "SUCCEEDED") - before;
            if (completed != jobs || succeeded != jobs) {
                throw new IllegalStateException("genstore drained " + completed + " (" + succeeded + " SUCCEEDED) of " + jobs);
            }
            return jobs * 1e9 / nanos;
        } finally {
            workers.shutdownNow();
        }
    }

    /** Schedules {@code jobs} executions, then times a scheduler of 4 threads running them all. Returns jobs/s. */
    private static double schedulerRound(Backend backend, DataSource pool, SchedulerClient client, OneTimeTask<String> task,
                                         int jobs, double lower, double upper, Duration polling, long[] wal,
                                         DrainCost cost) throws Exception {
        vacuum(backend, SCHEDULER_DB, "scheduled_tasks");
        Instant due = Instant.now().minusSeconds(1);
        List<TaskInstance<?>> instances = new ArrayList<>(jobs);
        String prefix = UUID.randomUUID() + "-";
        for (int i = 0; i < jobs; i++) {
            instances.add(task.instance(prefix + i, QueueJobs.PARAMETERS));
        }
        client.scheduleBatch(instances, due);
        if (remaining(pool) != jobs) {
            throw new IllegalStateException("db-scheduler: " + remaining(pool) + " executions scheduled, not " + jobs);
        }
        CountDownLatch finished = new CountDownLatch(jobs);
        AtomicLong firstStart = new AtomicLong();
        Scheduler scheduler = Scheduler.create(pool, task)
                .threads(THREADS)
                .pollUsingLockAndFetch(lower, upper)
                .pollingInterval(polling)
                .schedulerName(new SchedulerName.Fixed("bench"))
                .addSchedulerListener(new AbstractSchedulerListener() {
                    @Override
                    public void onExecutionStart(com.github.kagkarlsson.scheduler.CurrentlyExecuting executing) {
                        firstStart.compareAndSet(0, System.nanoTime());
                    }

                    @Override
                    public void onExecutionComplete(ExecutionComplete complete) {
                        if (complete.getResult() == ExecutionComplete.Result.OK) {
                            finished.countDown();
                        }
                    }
                })
                .build();
        long walBefore = walPosition(backend, SCHEDULER_DB);
        CpuClock.Reading cpuBefore = CpuClock.Reading.now();
        long start = System.nanoTime();
        scheduler.start();
        try {
            if (!finished.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("db-scheduler: " + finished.getCount() + " executions left after 10 minutes");
            }
            // The listener hears of a completion as db-scheduler finishes it; the clock stops when the rows are gone.
            while (remaining(pool) > 0) {
                Thread.sleep(1);
            }
            long nanos = System.nanoTime() - start;
            cost.schedulerCpu.add(cpuBefore, jobs);
            wal[1] += walPosition(backend, SCHEDULER_DB) - walBefore;
            System.err.printf(Locale.ROOT, "db-scheduler: first execution %.1f ms after start%n",
                    (firstStart.get() - start) / 1e6);
            return jobs * 1e9 / nanos;
        } finally {
            scheduler.stop();
        }
    }

    /**
     * What the drains cost, summed over rounds: CPU per side on the client (this JVM) and the server (PostgreSQL's
     * processes), and the time genstore's workers spend in {@code claim} and in {@code complete}.
     */
    private static final class DrainCost {
        final AtomicLong claimNanos = new AtomicLong();
        final AtomicLong claims = new AtomicLong();
        final AtomicLong completeNanos = new AtomicLong();
        final AtomicLong completes = new AtomicLong();
        final CpuClock.Total genstoreCpu = new CpuClock.Total();
        final CpuClock.Total schedulerCpu = new CpuClock.Total();

        void claimed(long nanos) {
            claimNanos.addAndGet(nanos);
            claims.incrementAndGet();
        }

        void completed(long nanos) {
            completeNanos.addAndGet(nanos);
            completes.incrementAndGet();
        }

        String claimMillis() {
            return String.format(Locale.ROOT, "%.2f", claimNanos.get() / 1e6 / Math.max(1, claims.get()));
        }

        String completeMillis() {
            return String.format(Locale.ROOT, "%.2f", completeNanos.get() / 1e6 / Math.max(1, completes.get()));
        }
    }

    private static long remaining(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM scheduled_tasks")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** A data source that opens plain connections through the backend (HikariCP pools them). */
    private static final class Connecting extends ConnectionSource {
        private final Backend backend;
        private final String database;

        Connecting(Backend backend, String database) {
            this.backend = backend;
            this.database = database;
        }

        @Override
        public Connection getConnection() throws SQLException {
            return backend.connect(database);
        }
    }
}
