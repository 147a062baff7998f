package dev.genstore.benchmarks.workloads;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * JobRunr on PostgreSQL, drained as db-scheduler is: {@code jobs} fire-and-forget jobs enqueued in one batch
 * ({@code JobScheduler.enqueue(Stream, lambda)}, the job's argument the same JSON parameters, parsed by the job), then a
 * {@code BackgroundJobServer} with 4 workers runs them all. Its SQL storage refuses a poll interval under 5 s, so the
 * server only notices the queue up to 5 s after it starts; after that, a worker that goes idle fetches the next jobs
 * itself (JobSteward.notifyThreadIdle), so the clock runs from the first job's start to the last job's SUCCEEDED state
 * being committed, and the start-up wait is reported apart. Tables are JobRunr's own (its migrations create them);
 * each round starts from an empty {@code jobrunr_jobs}. A job moves ENQUEUED → PROCESSING → SUCCEEDED, each an update of
 * its row (JSON document and state columns); succeeded jobs stay (JobRunr deletes them after 36 hours).
 */
final class JobRunrPeer implements AutoCloseable {
    private final DataSource pool;
    private final StorageProvider storage;
    private final JacksonJsonMapper mapper = new JacksonJsonMapper();
    private final JobScheduler scheduler;
    /** Milliseconds from the server's start to its first job, per round. */
    private double startupMillis;

    JobRunrPeer(DataSource pool) {
        this.pool = pool;
        this.storage = SqlStorageProviderFactory.using(pool);
        this.storage.setJobMapper(new JobMapper(mapper));
        this.scheduler = new JobScheduler(storage);
    }

    double startupMillis() {
        return startupMillis;
    }

    /** Enqueues {@code jobs}, then times a server of 4 workers running them all. Returns jobs/s. */
    double round(int jobs, int threads, long[] wal, int walIndex, WalReader walReader) throws Exception {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("DELETE FROM jobrunr_jobs");
            s.execute("VACUUM ANALYZE jobrunr_jobs");
        }
        scheduler.<String>enqueue(IntStream.range(0, jobs).mapToObj(i -> QueueJobs.PARAMETERS),
                parameters -> JobRunrJob.generate(parameters));
        if (count("ENQUEUED") != jobs) {
            throw new IllegalStateException("JobRunr: " + count("ENQUEUED") + " jobs enqueued, not " + jobs);
        }
        JobRunrJob.RUN.set(0);
        JobRunrJob.FIRST.set(0);
        BackgroundJobServer server = new BackgroundJobServer(storage, mapper, new JobActivator() {
            @Override
            public <T> T activateJob(Class<T> type) {
                return null; // static job methods only
            }
        }, BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
                .andWorkerCount(threads)
                .andPollInterval(Duration.ofSeconds(5)));
        long walBefore = walReader.position();
        long start = System.nanoTime();
        server.start();
        try {
            long deadline = start + Duration.ofMinutes(10).toNanos();
            // The jobs' own counter first (no load on the database), then the table for the last states.
            while (JobRunrJob.RUN.get() < jobs || count("SUCCEEDED") < jobs) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("JobRunr: " + count("SUCCEEDED") + " of " + jobs + " after 10 minutes");
                }
                Thread.sleep(1);
            }
            long end = System.nanoTime();
            wal[walIndex] += walReader.position() - walBefore;
            startupMillis = (JobRunrJob.FIRST.get() - start) / 1e6;
            if (JobRunrJob.RUN.get() != jobs) {
                throw new IllegalStateException("JobRunr ran " + JobRunrJob.RUN.get() + " jobs, not " + jobs);
            }
            return jobs * 1e9 / (end - JobRunrJob.FIRST.get());
        } finally {
            server.stop();
        }
    }

    private long count(String state) throws SQLException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM jobrunr_jobs WHERE state = '" + state + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The server's WAL position. */
    @FunctionalInterface
    interface WalReader {
        long position() throws SQLException;
    }

    @Override
    public void close() {
        storage.close();
    }
}
