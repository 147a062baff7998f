package dev.genstore.spi;

import dev.genstore.accounts.UserId;
import dev.genstore.images.ImageId;
import dev.genstore.jobs.JobId;
import dev.genstore.qa.QualityCheck;
import dev.genstore.qa.QualityCheckId;
import dev.genstore.qa.Regeneration;
import java.util.List;
import java.util.Optional;

/** Storage of quality checks and regeneration requests. Reads of checks are scoped by the owner. */
public interface QaRepository {
    void insertCheck(QualityCheck check);

    Optional<QualityCheck> findCheck(UserId owner, QualityCheckId id);

    /** The owner's check, locked until the transaction ends. */
    Optional<QualityCheck> lockCheck(UserId owner, QualityCheckId id);

    /** Writes the check's status, scores, reasons, review and times. */
    void updateCheck(QualityCheck check);

    /** The image's checks, newest first (by creation time, then id). */
    List<QualityCheck> checks(UserId owner, ImageId image);

    /** The image's newest check (by creation time, then id). */
    Optional<QualityCheckId> latestCheck(ImageId image);

    void insertRegeneration(Regeneration regeneration);

    Optional<Regeneration> regenerationOf(JobId job);

    /** The image's regeneration requests, newest first. */
    List<Regeneration> regenerations(UserId owner, ImageId image);
}
