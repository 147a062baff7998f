package dev.genstore.contract;

import dev.genstore.Genstore;
import dev.genstore.spi.Storage;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.JobScope;
import dev.genstore.jobs.LeaseLostException;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A separate JVM in {@link QueueProcessContract}: opens the same database and drains the queue until every job
 * has succeeded, printing {@code COMPLETED <job> <token>} after each complete and {@code DONE <n>} at the end. Each
 * job "runs" for a few milliseconds of real time, like a call to an image API.
 *
 * <p>With a hang-after count it completes that many jobs, then claims one more batch, prints
 * {@code HOLDING <job> <token>…} and stops working (without releasing anything) until it is killed. A complete
 * refused because the lease was lost meanwhile prints {@code LOST <job> <token>}.
 *
 * <p>Arguments: the database (a path or URL), worker name, jobs in all, lease in milliseconds, milliseconds per job, hang-after
 * count (-1 for never).
 */
public final class QueueProcessWorker {
    private QueueProcessWorker() {
    }

    /** Runs a worker with the arguments {@link QueueProcessContract} passes, on the storage {@code open} makes of the first. */
    public static void main(String[] args, Function<String, Storage> open) throws Exception {
        try (Genstore store = Genstore.open(open.apply(args[0]))) {
            run(store, args[1], Integer.parseInt(args[2]), Duration.ofMillis(Long.parseLong(args[3])),
                    Long.parseLong(args[4]), Integer.parseInt(args[5]));
        }
    }

    static void run(Genstore store, String worker, int total, Duration lease, long workMillis, int hangAfter)
            throws InterruptedException {
        int completed = 0;
        while (store.jobs().statistics(JobScope.all()).completedJobs() < total) {
            // Never more than the hang-after count still to go: a lease lost on a loaded machine must not let it overshoot.
            int size = hangAfter >= 0 && completed < hangAfter ? Math.min(5, hangAfter - completed) : 5;
            List<ClaimedJob> batch = store.queue().claim(worker, size, lease);
            if (batch.isEmpty()) {
                Thread.sleep(20); // the rest is leased to someone: wait for it to finish or its lease to expire
                continue;
            }
            if (hangAfter >= 0 && completed >= hangAfter) {
                System.out.println("HOLDING " + batch.stream().map(job -> job.id() + " " + job.fencingToken())
                        .collect(Collectors.joining(" ")));
                System.out.flush();
                Thread.sleep(Long.MAX_VALUE);
            }
            for (ClaimedJob job : batch) {
                Thread.sleep(workMillis);
                try {
                    store.queue().complete(job.id(), job.fencingToken(), 1, 0);
                } catch (LeaseLostException lost) {
                    System.out.println("LOST " + job.id() + " " + job.fencingToken()); // someone else has it now
                    continue;
                }
                System.out.println("COMPLETED " + job.id() + " " + job.fencingToken());
                System.out.flush();
                completed++;
            }
        }
        System.out.println("DONE " + completed);
        System.out.flush();
    }
}
