package dev.genstore.qa;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.ImageId;
import dev.genstore.jobs.JobId;
import java.util.List;
import java.util.Optional;

/**
 * Quality checks of images. The image's QC status follows its latest check (PENDING, PASSED, FAILED; a human's
 * APPROVED shows as PASSED and REJECTED as FAILED). A check that fails (FAILED, or REJECTED after PASSED) does three
 * things in one transaction: it marks the image FAILED with the reasons, drops every cache entry made from the image,
 * and enqueues a regeneration job ({@link Regeneration}) in the job queue. Every operation is scoped by the owner.
 */
public interface QualityAssurance {

    /**
     * Starts a PENDING check of the owner's image; the image's QC status becomes PENDING.
     *
     * @throws NotFoundException     when the image is not the owner's
     * @throws InvalidInputException for a blank checker
     */
    QualityCheck start(UserId owner, ImageId image, String checker);

    /**
     * Records the checker's verdict on a PENDING check.
     *
     * @throws IllegalTransitionException unless the check is PENDING
     * @throws InvalidInputException      for a result that is not PASSED or FAILED, a score that is not finite, or a
     *                                    FAILED result without a reason
     */
    QualityCheck finish(UserId owner, QualityCheckId check, CheckResult result);

    /** Starts and finishes a check in one transaction. */
    QualityCheck record(UserId owner, ImageId image, String checker, CheckResult result);

    /**
     * A human's decision on a PASSED or FAILED check: APPROVED or REJECTED. REJECTED after PASSED is a failure (see
     * above); APPROVED after FAILED marks the image PASSED and cancels the check's regeneration job if it is still
     * QUEUED (one a worker already runs, or one paused, is left alone).
     *
     * @throws IllegalTransitionException unless the check is PASSED or FAILED
     * @throws InvalidInputException      for a decision other than APPROVED or REJECTED, or a blank reviewer
     */
    QualityCheck review(UserId owner, QualityCheckId check, CheckStatus decision, String reviewer, String note);

    /** The owner's check. */
    Optional<QualityCheck> find(UserId owner, QualityCheckId check);

    /** The checks of the owner's image, newest first. */
    List<QualityCheck> checks(UserId owner, ImageId image);

    /**
     * The regeneration request a job carries out, if the job is one, whoever owns it.
     *
     * @deprecated reaches any user's request: use {@link #regenerationOf(UserId, JobId)}; a worker passes the claimed
     *             job's owner ({@code claimed.job().owner()})
     */
    @Deprecated
    Optional<Regeneration> regenerationOf(JobId job);

    /**
     * The regeneration request the owner's job carries out, if the job is one: what a worker that claimed it asks,
     * with {@code claimed.job().owner()}. Empty for another user's job.
     */
    Optional<Regeneration> regenerationOf(UserId owner, JobId job);

    /** The regeneration requests of the owner's image, newest first. */
    List<Regeneration> regenerations(UserId owner, ImageId image);
}
