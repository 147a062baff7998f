package dev.genstore.qa;

import dev.genstore.accounts.UserId;
import dev.genstore.images.ImageId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored quality check of one image.
 *
 * @param id           the check's id
 * @param owner        the image's owner
 * @param imageId      the image checked
 * @param checker      who or what checked it (a model name, a script)
 * @param status       where the check is
 * @param overallScore the overall score, or {@code null} while PENDING
 * @param scores       named scores (empty while PENDING)
 * @param reasons      the checker's reasons (empty while PENDING)
 * @param reviewer     who reviewed it, or {@code null}
 * @param reviewNote   the reviewer's note, or {@code null}
 * @param createdAt    when the check started
 * @param checkedAt    when the checker gave its verdict, or {@code null}
 * @param reviewedAt   when a human reviewed it, or {@code null}
 */
public record QualityCheck(QualityCheckId id, UserId owner, ImageId imageId, String checker, CheckStatus status,
                           Double overallScore, Map<String, Double> scores, List<String> reasons, String reviewer,
                           String reviewNote, Instant createdAt, Instant checkedAt, Instant reviewedAt) {
}
