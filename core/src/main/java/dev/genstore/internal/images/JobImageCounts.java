package dev.genstore.internal.images;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageStatus;
import dev.genstore.internal.JobCopies;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import dev.genstore.jobs.JobStatus;
import dev.genstore.spi.Repositories;

/**
 * A job's image counts as images are recorded for it, in the transaction that records them. While a job runs, each
 * image counts one more; once {@code JobQueue.complete} has set the counts (and captured the tokens for them), an
 * image recorded afterwards is one of the successful images the job already counts.
 */
final class JobImageCounts {
    private JobImageCounts() {
    }

    /** The owner's job, locked for the rest of the transaction. */
    static Job ownersJob(Repositories r, UserId owner, JobId id) {
        return r.jobs().lockJob(id).filter(job -> job.owner().equals(owner))
                .orElseThrow(() -> new NotFoundException("job", id));
    }

    /**
     * Counts one more successful image of the job, or checks that a job that SUCCEEDED still has room for it among
     * the successful images it counts.
     *
     * @throws ConflictException when the job has no room left, saying which order of calls works
     */
    static void countSuccessful(Repositories r, UserId owner, JobId id) {
        Job job = ownersJob(r, owner, id);
        if (job.status() == JobStatus.SUCCEEDED) {
            int recorded = r.images().listBefore(owner, ImageFilter.all().job(id).statuses(ImageStatus.COMPLETED), null,
                    job.successfulImages() + 1).size();
            if (recorded < job.successfulImages()) {
                return; // complete(...) counted it already
            }
            throw new ConflictException("job " + id + " succeeded with " + job.successfulImages()
                    + " successful images and all of them are recorded: record a job's images before completing it,"
                    + " or complete it with the number of images that will be recorded");
        }
        requireRoom(job);
        r.jobs().updateJob(JobCopies.withImageCounts(job, job.successfulImages() + 1, job.failedImages()));
    }

    /** Counts one more failed image of the job. */
    static void countFailed(Repositories r, UserId owner, JobId id) {
        Job job = ownersJob(r, owner, id);
        requireRoom(job);
        r.jobs().updateJob(JobCopies.withImageCounts(job, job.successfulImages(), job.failedImages() + 1));
    }

    private static void requireRoom(Job job) {
        if (job.successfulImages() + job.failedImages() >= job.totalImages()) {
            throw new ConflictException("job " + job.id() + " already counts all of its " + job.totalImages() + " images");
        }
    }
}
