package dev.genstore.images;

import dev.genstore.accounts.UserId;
import dev.genstore.jobs.JobId;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * A stored image.
 *
 * @param id                 the image's id
 * @param owner              the user it belongs to
 * @param jobId              the generation job that made it, or {@code null}
 * @param type               generated or uploaded
 * @param status             where it is in its life
 * @param errorMessage       why it FAILED, or {@code null}
 * @param title              a title, or {@code null}
 * @param description        a description, or {@code null}
 * @param tags               tags, lower case, sorted, distinct
 * @param prompt             the generation prompt, or {@code null}
 * @param seed               the generation seed, or {@code null}
 * @param model              the generation model, or {@code null}
 * @param processingSettings how it was post-processed
 * @param metadata           any other data, as JSON values
 * @param qcStatus           the quality check's outcome
 * @param qcReason           why the check failed (or a note), or {@code null}
 * @param content            the stored original, or {@code null} until the image is COMPLETED
 * @param variants           its stored sizes, by kind
 * @param tokensUsed         tokens the image cost
 * @param createdAt          when it was recorded
 * @param updatedAt          when it last changed
 */
public record Image(ImageId id, UserId owner, JobId jobId, ImageType type, ImageStatus status, String errorMessage,
                   String title, String description, List<String> tags, String prompt, Long seed, String model,
                   ProcessingSettings processingSettings, Map<String, Object> metadata, QcStatus qcStatus,
                   String qcReason, ImageContent content, List<Variant> variants, long tokensUsed, Instant createdAt,
                   Instant updatedAt) {
    public Image {
        tags = List.copyOf(new TreeSet<>(tags));
        metadata = Collections.unmodifiableMap(metadata);
        variants = variants.stream().sorted((a, b) -> a.kind().compareTo(b.kind())).toList();
    }

    /** The variant of this kind, when the image has one. */
    public Optional<Variant> variant(VariantKind kind) {
        return variants.stream().filter(v -> v.kind() == kind).findFirst();
    }

    /** The stored original, once the image is COMPLETED. */
    public Optional<ImageContent> optionalContent() {
        return Optional.ofNullable(content);
    }
}
