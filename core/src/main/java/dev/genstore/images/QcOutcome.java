package dev.genstore.images;

/**
 * The outcome of an image's quality check. Part of {@link Image} ({@link Image#qc()}).
 *
 * @param status the check's outcome
 * @param reason why the check failed (or a note), or {@code null}
 */
public record QcOutcome(QcStatus status, String reason) {
}
