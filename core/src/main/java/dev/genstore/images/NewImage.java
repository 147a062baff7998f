package dev.genstore.images;

import dev.genstore.accounts.UserId;
import dev.genstore.jobs.JobId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What it takes to record an image. Start from {@link #generated} or {@link #uploaded}; the rest has defaults.
 *
 * @param owner              the user it belongs to
 * @param type               generated or uploaded
 * @param jobId              the job that made it, or {@code null}; storing or failing the image updates the job's counters
 * @param fileName           a file name for its blob key (sanitized; the extension follows the probed format), or
 *                           {@code null} for {@code image}
 * @param title              a title, or {@code null}
 * @param description        a description, or {@code null}
 * @param tags               tags (trimmed, lower-cased, de-duplicated); empty by default
 * @param prompt             the generation prompt, or {@code null}
 * @param seed               the generation seed, or {@code null}
 * @param model              the generation model, or {@code null}
 * @param processingSettings how it was post-processed; {@link ProcessingSettings#NONE} by default
 * @param metadata           any other data as JSON values; empty by default
 * @param tokensUsed         tokens it cost; 0 by default
 */
public record NewImage(UserId owner, ImageType type, JobId jobId, String fileName, String title, String description,
                       List<String> tags, String prompt, Long seed, String model, ProcessingSettings processingSettings,
                       Map<String, Object> metadata, long tokensUsed) {

    /** A generated image of this prompt. */
    public static NewImage generated(UserId owner, String prompt) {
        return new NewImage(owner, ImageType.GENERATED, null, null, null, null, List.of(), prompt, null, null,
                ProcessingSettings.NONE, Map.of(), 0);
    }

    /** An image the user uploaded under this file name. */
    public static NewImage uploaded(UserId owner, String fileName) {
        return new NewImage(owner, ImageType.UPLOADED, null, fileName, null, null, List.of(), null, null, null,
                ProcessingSettings.NONE, Map.of(), 0);
    }

    /** This image as made by a job. */
    public NewImage job(JobId id) {
        return new NewImage(owner, type, id, fileName, title, description, tags, prompt, seed, model, processingSettings, metadata, tokensUsed);
    }

    /** This image with a file name for its key. */
    public NewImage fileName(String name) {
        return new NewImage(owner, type, jobId, name, title, description, tags, prompt, seed, model, processingSettings, metadata, tokensUsed);
    }

    /** This image with a title. */
    public NewImage title(String value) {
        return new NewImage(owner, type, jobId, fileName, value, description, tags, prompt, seed, model, processingSettings, metadata, tokensUsed);
    }

    /** This image with a description. */
    public NewImage description(String value) {
        return new NewImage(owner, type, jobId, fileName, title, value, tags, prompt, seed, model, processingSettings, metadata, tokensUsed);
    }

    /** This image with these tags. */
    public NewImage tags(String... values) {
        return new NewImage(owner, type, jobId, fileName, title, description, values == null ? null : Arrays.asList(values),
                prompt, seed, model, processingSettings, metadata, tokensUsed);
    }

    /** This image with a generation seed. */
    public NewImage seed(long value) {
        return new NewImage(owner, type, jobId, fileName, title, description, tags, prompt, value, model, processingSettings, metadata, tokensUsed);
    }

    /** This image with a generation model. */
    public NewImage model(String value) {
        return new NewImage(owner, type, jobId, fileName, title, description, tags, prompt, seed, value, processingSettings, metadata, tokensUsed);
    }

    /** This image with processing settings. */
    public NewImage processingSettings(ProcessingSettings value) {
        return new NewImage(owner, type, jobId, fileName, title, description, tags, prompt, seed, model, value, metadata, tokensUsed);
    }

    /** This image with metadata. */
    public NewImage metadata(Map<String, Object> value) {
        return new NewImage(owner, type, jobId, fileName, title, description, tags, prompt, seed, model, processingSettings, value, tokensUsed);
    }

    /** This image costing {@code tokens}. */
    public NewImage tokensUsed(long tokens) {
        return new NewImage(owner, type, jobId, fileName, title, description, tags, prompt, seed, model, processingSettings, metadata, tokens);
    }
}
