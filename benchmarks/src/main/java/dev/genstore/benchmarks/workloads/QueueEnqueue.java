package dev.genstore.benchmarks.workloads;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.Genstore;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.jobs.NewJob;
import dev.genstore.postgres.PostgresStorage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
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
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Enqueue on PostgreSQL, genstore against db-scheduler on the same server in the same run: {@code
 * bench.queue.enqueueJobs} jobs (5,000) put in by 4 threads, {@code bench.queue.enqueueRounds} rounds (3) alternating
 * which side goes first; each side's median jobs/s. Four ways: genstore {@code submit} (one job per call, no
 * idempotency key, no token cost) against db-scheduler {@code SchedulerClient.schedule} (one execution per call), and
 * genstore {@code submitAll} against db-scheduler's own batch API {@code scheduleBatch}, both with batches of {@code
 * bench.queue.enqueueBatch} (100). Both sides run on a HikariCP pool of 10 wrapped by a counter of round trips: each
 * statement executed (a JDBC batch counts once) and each commit or rollback; {@code rt_per_submitted} is genstore's
 * count per job submitted one per call ({@code rt_per_submitted_batch} with submitAll, {@code dbscheduler_rt_per_*}
 * db-scheduler's). A fifth side, {@code genstore_submit_no_notify}, submits one per call through a store with
 * {@code PostgresStorage.queueNotifications(false)}: the cost of waking other stores' waiting claims. Where the time
 * goes: the CPU per job of {@code submit} and of {@code schedule}, in this JVM and in PostgreSQL's processes
 * ({@code genstore_submit_client_cpu_us}, {@code genstore_submit_server_cpu_us}, {@code dbscheduler_schedule_*}).
 */
final class QueueEnqueue {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 4;
    private static final String GENSTORE_DB = "enqueue_genstore";
    private static final String SCHEDULER_DB = "enqueue_dbscheduler";

    private QueueEnqueue() {
    }

    static Result run(Backend backend) throws Exception {
        int jobs = Settings.intProperty("bench.queue.enqueueJobs", 5_000);
        int rounds = Settings.intProperty("bench.queue.enqueueRounds", 3);
        int batch = Settings.intProperty("bench.queue.enqueueBatch", 100);
        Map<String, Object> parameters = JSON.readValue(QueueJobs.PARAMETERS, new TypeReference<>() { });
        Genstore.open(backend.genstoreNamed(GENSTORE_DB)).close(); // genstore's schema
        try (Connection c = backend.connect(SCHEDULER_DB); Statement s = c.createStatement()) {
            for (String ddl : QueuePeers.SCHEMA) {
                s.execute(ddl);
            }
        }
        RoundTrips genstoreTrips = new RoundTrips();
        RoundTrips schedulerTrips = new RoundTrips();
        double[][] rates = new double[5][rounds];
        double[] trips = new double[5];
        CpuClock.Total[] cpu = new CpuClock.Total[5];
        Arrays.setAll(cpu, side -> new CpuClock.Total());
        try (HikariDataSource genstorePool = QueuePeers.pool(backend, GENSTORE_DB);
             HikariDataSource schedulerPool = QueuePeers.pool(backend, SCHEDULER_DB);
             Genstore store = Genstore.open(PostgresStorage.of(genstoreTrips.wrap(genstorePool)));
             Genstore quiet = Genstore.open(PostgresStorage.of(genstoreTrips.wrap(genstorePool)).queueNotifications(false))) {
            UUID[] owners = QueueWorkload.seed(store);
            OneTimeTask<String> task = Tasks.oneTime("generate", String.class).execute((instance, context) -> { });
            SchedulerClient client = SchedulerClient.Builder.create(schedulerTrips.wrap(schedulerPool), task).build();
            for (int round = 0; round < rounds; round++) {
                int r = round;
                List<Runnable> sides = new ArrayList<>(List.of(
                        () -> rates[0][r] = timed(genstoreTrips, trips, cpu, 0, jobs, (thread, i) -> store.jobs().submit(
                                job(owners[(thread + i) % owners.length], parameters))),
                        () -> rates[4][r] = timed(genstoreTrips, trips, cpu, 4, jobs, (thread, i) -> quiet.jobs().submit(
                                job(owners[(thread + i) % owners.length], parameters))),
                        () -> rates[1][r] = timed(schedulerTrips, trips, cpu, 1, jobs, (thread, i) -> client.schedule(
                                task.instance(UUID.randomUUID().toString(), QueueJobs.PARAMETERS), Instant.now())),
                        () -> rates[2][r] = timed(genstoreTrips, trips, cpu, 2, jobs / batch, (thread, i) -> {
                            List<NewJob> some = new ArrayList<>(batch);
                            for (int j = 0; j < batch; j++) {
                                some.add(job(owners[(thread + i) % owners.length], parameters));
                            }
                            store.jobs().submitAll(some);
                        }) * batch,
                        () -> rates[3][r] = timed(schedulerTrips, trips, cpu, 3, jobs / batch, (thread, i) -> {
                            List<TaskInstance<?>> some = new ArrayList<>(batch);
                            for (int j = 0; j < batch; j++) {
                                some.add(task.instance(UUID.randomUUID().toString(), QueueJobs.PARAMETERS));
                            }
                            client.scheduleBatch(some, Instant.now());
                        }) * batch));
                if (round % 2 == 1) {
                    java.util.Collections.reverse(sides);
                }
                sides.forEach(Runnable::run);
                System.err.printf(Locale.ROOT, "queue postgres enqueue %d/%d: genstore submit %.0f jobs/s, db-scheduler"
                                + " schedule %.0f jobs/s (%.3f); genstore submitAll(%d) %.0f jobs/s, db-scheduler"
                                + " scheduleBatch(%d) %.0f jobs/s (%.3f); genstore submit without NOTIFY %.0f jobs/s (%.3f)%n",
                        round + 1, rounds, rates[0][r], rates[1][r], rates[0][r] / rates[1][r], batch, rates[2][r], batch,
                        rates[3][r], rates[2][r] / rates[3][r], rates[4][r], rates[4][r] / rates[1][r]);
            }
        }
        long total = (long) jobs * rounds;
        return new Result("queue", backend.name(), median(rates[0]), median(rates[1]))
                .label("peer", "db-scheduler-enqueue")
                .field("enqueue_jobs", Integer.toString(jobs))
                .field("threads", Integer.toString(THREADS))
                .field("enqueue_ratio_dbscheduler", ratio(median(rates[0]) / median(rates[1])))
                .field("enqueue_batch", Integer.toString(batch))
                .field("enqueue_batch_ratio_dbscheduler", ratio(median(rates[2]) / median(rates[3])))
                .field("enqueue_batch_vs_single_dbscheduler", ratio(median(rates[2]) / median(rates[1])))
                .field("genstore_submit", String.format(Locale.ROOT, "%.0f", median(rates[0])))
                .field("enqueue_no_notify_ratio_dbscheduler", ratio(median(rates[4]) / median(rates[1])))
                .field("genstore_submit_no_notify", String.format(Locale.ROOT, "%.0f", median(rates[4])))
                .field("genstore_submit_all", String.format(Locale.ROOT, "%.0f", median(rates[2])))
                .field("dbscheduler_schedule", String.format(Locale.ROOT, "%.0f", median(rates[1])))
                .field("dbscheduler_schedule_batch", String.format(Locale.ROOT, "%.0f", median(rates[3])))
                .field("genstore_submit_client_cpu_us", cpu[0].clientPerJob())
                .field("genstore_submit_server_cpu_us", cpu[0].serverPerJob())
                .field("dbscheduler_schedule_client_cpu_us", cpu[1].clientPerJob())
                .field("dbscheduler_schedule_server_cpu_us", cpu[1].serverPerJob())
                .field("rt_per_submitted", ratio(trips[0] / total))
                .field("rt_per_submitted_batch", ratio(trips[2] / total))
                .field("dbscheduler_rt_per_submitted", ratio(trips[1] / total))
                .field("dbscheduler_rt_per_submitted_batch", ratio(trips[3] / total));
    }

    private static NewJob job(UUID owner, Map<String, Object> parameters) {
        return NewJob.of(dev.genstore.accounts.UserId.of(owner), "a lighthouse on a cliff in a storm, oil painting",
                QueueJobs.PROVIDER, QueueJobs.MODEL).parameters(parameters);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** One call of a side: thread {@code thread}'s {@code i}-th. */
    @FunctionalInterface
    private interface Call {
        void run(int thread, int i) throws Exception;
    }

    /**
     * Runs {@code calls} calls on 4 threads; returns calls/s and adds the round trips they took to {@code trips[slot]},
     * the CPU this JVM and the server spent meanwhile to {@code cpu[slot]}.
     */
    private static double timed(RoundTrips counter, double[] trips, CpuClock.Total[] cpu, int slot, int calls, Call call) {
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(workers.submit(() -> {
                    go.await();
                    for (int i = thread; i < calls; i += THREADS) {
                        call.run(thread, i);
                    }
                    return null;
                }));
            }
            long before = counter.count.get();
            CpuClock.Reading cpuBefore = CpuClock.Reading.now();
            long start = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            long nanos = System.nanoTime() - start;
            trips[slot] += counter.count.get() - before;
            cpu[slot].add(cpuBefore, calls);
            return calls * 1e9 / nanos;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            workers.shutdownNow();
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /**
     * Counts round trips to the server through a data source: every statement execution (a JDBC batch counts once, as
     * the driver sends it in one go) and every commit or rollback. Setting autocommit off is free in the PostgreSQL
     * driver (it sends {@code BEGIN} with the first statement), so it is not counted.
     */
    static final class RoundTrips {
        final AtomicLong count = new AtomicLong();

        DataSource wrap(DataSource target) {
            return proxy(DataSource.class, target, (method, args, result) ->
                    method.equals("getConnection") ? proxy(Connection.class, (Connection) result, this::connection) : result);
        }

        private Object connection(String method, Object[] args, Object result) {
            if (method.equals("commit") || method.equals("rollback")) {
                count.incrementAndGet();
            }
            if (result instanceof java.sql.CallableStatement) {
                return result;
            }
            if (result instanceof java.sql.PreparedStatement prepared) {
                return proxy(java.sql.PreparedStatement.class, prepared, this::statement);
            }
            if (result instanceof Statement statement) {
                return proxy(Statement.class, statement, this::statement);
            }
            return result;
        }

        private Object statement(String method, Object[] args, Object result) {
            return result;
        }

        /** What a proxy does with a call's result; a call named execute… counts before it runs. */
        @FunctionalInterface
        private interface After {
            Object apply(String method, Object[] args, Object result);
        }

        private <T> T proxy(Class<T> type, T target, After after) {
            InvocationHandler handler = (proxy, method, args) -> {
                if (method.getName().startsWith("execute") && Statement.class.isAssignableFrom(type)) {
                    count.incrementAndGet();
                }
                if (method.getName().equals("unwrap") || method.getName().equals("isWrapperFor")) {
                    return method.invoke(target, args);
                }
                try {
                    return after.apply(method.getName(), args, method.invoke(target, args));
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            };
            return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
        }
    }
}
