package dev.genstore.internal.images;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.images.ImageType;
import dev.genstore.images.NewImage;
import dev.genstore.images.ProcessingSettings;
import dev.genstore.internal.JsonValues;
import dev.genstore.internal.Validate;
import dev.genstore.jobs.JobId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@link NewImage} with its fields checked and normalized, and the checks of the image fields that can change later
 * (title, description, tags, a failure or QC reason). Every check runs before anything is written.
 */
record ValidImage(UserId owner, ImageType type, JobId jobId, String fileName, String title, String description,
                  List<String> tags, String prompt, Long seed, String model, ProcessingSettings settings,
                  Map<String, Object> metadata, long tokensUsed) {
    private static final int MAX_TAGS = 50;

    /** @throws InvalidInputException naming the first field that is missing or out of bounds */
    static ValidImage of(NewImage image) {
        Validate.notNull("image", image);
        Validate.notNull("owner", image.owner());
        Validate.notNull("type", image.type());
        Validate.summedAmount("tokensUsed", image.tokensUsed());
        Validate.notNull("processingSettings", image.processingSettings());
        // Written and read back as JSON: what the caller gets from a write equals what a later read gives.
        ProcessingSettings settings = ProcessingSettings.fromMap(
                JsonValues.normalize("processingSettings", image.processingSettings().toMap()));
        return new ValidImage(image.owner(), image.type(), image.jobId(),
                Validate.optionalText("fileName", image.fileName(), 255),
                title(image.title()),
                description(image.description()),
                tags(image.tags()),
                multiline("prompt", image.prompt(), 20_000),
                image.seed(),
                Validate.optionalText("model", image.model(), 200),
                settings,
                JsonValues.normalize("metadata", image.metadata()),
                image.tokensUsed());
    }

    static String title(String title) {
        return Validate.optionalText("title", title, 200);
    }

    static String description(String description) {
        return multiline("description", description, 5000);
    }

    /** A failure or QC reason; null stays null. */
    static String reason(String reason) {
        return multiline("reason", reason, 2000);
    }

    /** Text that may span lines (newlines and tabs allowed, other control characters not); null stays null. */
    private static String multiline(String field, String value, int max) {
        return value == null ? null : Validate.multilineText(field, value, max);
    }

    /** Tags lower-cased, without repeats, sorted; at most {@value #MAX_TAGS}. */
    static List<String> tags(List<String> values) {
        Validate.notNull("tags", values);
        Set<String> tags = new TreeSet<>();
        for (String value : values) {
            tags.add(tag(value));
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("tags", "must be at most " + MAX_TAGS + ", were " + tags.size());
        }
        return List.copyOf(tags);
    }

    static String tag(String value) {
        return Validate.text("tags", value, 64).toLowerCase(Locale.ROOT);
    }
}
