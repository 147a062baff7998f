package dev.genstore.images;

import dev.genstore.accounts.UserId;
import dev.genstore.jobs.JobId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored image: an immutable value, equal to another image with the same fields.
 *
 * <p>Its fields come in small parts: {@link #origin()} (type, job, prompt, seed, model, tokens: fixed when recorded),
 * {@link #details()} (title, description, tags, metadata), {@link #status()} with {@link #errorMessage()},
 * {@link #qc()} (the quality check), {@link #files()} (original, variants, processing settings) and {@link #times()}.
 * Every field also has a shortcut accessor ({@code image.title()}, {@code image.content()}, {@code image.qcStatus()},
 * …) that reads it from its part, so code reads an image as one flat value.
 *
 * <p>Applications get images from {@link Images}; an image is built only through {@link #builder()} or
 * {@link #toBuilder()} (a test's expected value, a fake of {@code Images}), never a constructor, so a new field is a
 * new builder method and existing code keeps compiling and linking.
 */
public final class Image {
    private final ImageId id;
    private final UserId owner;
    private final ImageOrigin origin;
    private final ImageDetails details;
    private final ImageStatus status;
    private final String errorMessage;
    private final QcOutcome qc;
    private final ImageFiles files;
    private final ImageTimes times;

    private Image(Builder b) {
        this.id = Objects.requireNonNull(b.id, "id");
        this.owner = Objects.requireNonNull(b.owner, "owner");
        this.origin = new ImageOrigin(b.type, b.jobId, b.prompt, b.seed, b.model, b.tokensUsed);
        this.details = new ImageDetails(b.title, b.description, b.tags, b.metadata);
        this.status = Objects.requireNonNull(b.status, "status");
        this.errorMessage = b.errorMessage;
        this.qc = new QcOutcome(b.qcStatus, b.qcReason);
        this.files = new ImageFiles(b.content, b.variants, b.processingSettings);
        this.times = new ImageTimes(b.createdAt, b.updatedAt);
    }

    /**
     * A builder with no field set but the defaults: no tags, no metadata, no variants,
     * {@link ProcessingSettings#NONE}, {@link QcStatus#PENDING}.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding every field of this image: change some, then {@link Builder#build()} a new image. */
    public Builder toBuilder() {
        return new Builder().id(id).owner(owner).origin(origin).details(details).status(status)
                .errorMessage(errorMessage).qc(qc).files(files).times(times);
    }

    /** The image's id. */
    public ImageId id() {
        return id;
    }

    /** The user it belongs to. */
    public UserId owner() {
        return owner;
    }

    /** Where it came from: type, job, prompt, seed, model, tokens used. */
    public ImageOrigin origin() {
        return origin;
    }

    /** What the owner says about it: title, description, tags, metadata. */
    public ImageDetails details() {
        return details;
    }

    /** Where it is in its life. */
    public ImageStatus status() {
        return status;
    }

    /** Why it FAILED, or {@code null}. */
    public String errorMessage() {
        return errorMessage;
    }

    /** Its quality check's outcome and reason. */
    public QcOutcome qc() {
        return qc;
    }

    /** What is stored: original, variants, processing settings. */
    public ImageFiles files() {
        return files;
    }

    /** When it was recorded and last changed. */
    public ImageTimes times() {
        return times;
    }

    /** Shortcut for {@code origin().type()}: generated or uploaded. */
    public ImageType type() {
        return origin.type();
    }

    /** Shortcut for {@code origin().jobId()}: the job that made it, or {@code null}. */
    public JobId jobId() {
        return origin.jobId();
    }

    /** Shortcut for {@code origin().prompt()}: the generation prompt, or {@code null}. */
    public String prompt() {
        return origin.prompt();
    }

    /** Shortcut for {@code origin().seed()}: the generation seed, or {@code null}. */
    public Long seed() {
        return origin.seed();
    }

    /** Shortcut for {@code origin().model()}: the generation model, or {@code null}. */
    public String model() {
        return origin.model();
    }

    /** Shortcut for {@code origin().tokensUsed()}. */
    public long tokensUsed() {
        return origin.tokensUsed();
    }

    /** Shortcut for {@code details().title()}: a title, or {@code null}. */
    public String title() {
        return details.title();
    }

    /** Shortcut for {@code details().description()}: a description, or {@code null}. */
    public String description() {
        return details.description();
    }

    /** Shortcut for {@code details().tags()}: lower case, sorted, distinct. */
    public List<String> tags() {
        return details.tags();
    }

    /** Shortcut for {@code details().metadata()}. */
    public Map<String, Object> metadata() {
        return details.metadata();
    }

    /** Shortcut for {@code qc().status()}. */
    public QcStatus qcStatus() {
        return qc.status();
    }

    /** Shortcut for {@code qc().reason()}: why the check failed (or a note), or {@code null}. */
    public String qcReason() {
        return qc.reason();
    }

    /** Shortcut for {@code files().content()}: the stored original, or {@code null} until the image is COMPLETED. */
    public ImageContent content() {
        return files.content();
    }

    /** Shortcut for {@code files().variants()}: its stored sizes, sorted by kind. */
    public List<Variant> variants() {
        return files.variants();
    }

    /** Shortcut for {@code files().processingSettings()}. */
    public ProcessingSettings processingSettings() {
        return files.processingSettings();
    }

    /** Shortcut for {@code times().createdAt()}. */
    public Instant createdAt() {
        return times.createdAt();
    }

    /** Shortcut for {@code times().updatedAt()}. */
    public Instant updatedAt() {
        return times.updatedAt();
    }

    /** The variant of this kind, when the image has one. */
    public Optional<Variant> variant(VariantKind kind) {
        return files.variants().stream().filter(v -> v.kind() == kind).findFirst();
    }

    /** The stored original, once the image is COMPLETED. */
    public Optional<ImageContent> optionalContent() {
        return Optional.ofNullable(files.content());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && id.equals(i.id) && owner.equals(i.owner) && origin.equals(i.origin)
                && details.equals(i.details) && status == i.status && Objects.equals(errorMessage, i.errorMessage)
                && qc.equals(i.qc) && files.equals(i.files) && times.equals(i.times);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, owner, origin, details, status, errorMessage, qc, files, times);
    }

    @Override
    public String toString() {
        return "Image[id=" + id + ", owner=" + owner + ", status=" + status + ", errorMessage=" + errorMessage
                + ", origin=" + origin + ", details=" + details + ", qc=" + qc + ", files=" + files + ", times=" + times
                + "]";
    }

    /**
     * Builds an {@link Image}, field by field (each setter names its field, so two values of one type cannot change
     * places unnoticed) or part by part. Id, owner and status are required; tags and variants are normalized as
     * {@link ImageDetails} and {@link ImageFiles} say. Not thread-safe; {@link #build()} may be called again.
     */
    public static final class Builder {
        private ImageId id;
        private UserId owner;
        private ImageType type;
        private JobId jobId;
        private String prompt;
        private Long seed;
        private String model;
        private long tokensUsed;
        private String title;
        private String description;
        private List<String> tags = List.of();
        private Map<String, Object> metadata = Map.of();
        private ImageStatus status;
        private String errorMessage;
        private QcStatus qcStatus = QcStatus.PENDING;
        private String qcReason;
        private ImageContent content;
        private List<Variant> variants = List.of();
        private ProcessingSettings processingSettings = ProcessingSettings.NONE;
        private Instant createdAt;
        private Instant updatedAt;

        private Builder() {
        }

        /** The image's id. */
        public Builder id(ImageId value) {
            this.id = value;
            return this;
        }

        /** The user it belongs to. */
        public Builder owner(UserId value) {
            this.owner = value;
            return this;
        }

        /** Every field of {@link ImageOrigin} at once. */
        public Builder origin(ImageOrigin value) {
            return type(value.type()).jobId(value.jobId()).prompt(value.prompt()).seed(value.seed()).model(value.model())
                    .tokensUsed(value.tokensUsed());
        }

        /** Generated or uploaded. */
        public Builder type(ImageType value) {
            this.type = value;
            return this;
        }

        /** The generation job that made it, or {@code null}. */
        public Builder jobId(JobId value) {
            this.jobId = value;
            return this;
        }

        /** The generation prompt, or {@code null}. */
        public Builder prompt(String value) {
            this.prompt = value;
            return this;
        }

        /** The generation seed, or {@code null}. */
        public Builder seed(Long value) {
            this.seed = value;
            return this;
        }

        /** The generation model, or {@code null}. */
        public Builder model(String value) {
            this.model = value;
            return this;
        }

        /** Tokens the image cost. */
        public Builder tokensUsed(long value) {
            this.tokensUsed = value;
            return this;
        }

        /** Every field of {@link ImageDetails} at once. */
        public Builder details(ImageDetails value) {
            return title(value.title()).description(value.description()).tags(value.tags()).metadata(value.metadata());
        }

        /** A title, or {@code null}. */
        public Builder title(String value) {
            this.title = value;
            return this;
        }

        /** A description, or {@code null}. */
        public Builder description(String value) {
            this.description = value;
            return this;
        }

        /** Tags (sorted and made distinct by {@link #build()}). */
        public Builder tags(List<String> value) {
            this.tags = value;
            return this;
        }

        /** Any other data, as JSON values. */
        public Builder metadata(Map<String, Object> value) {
            this.metadata = value;
            return this;
        }

        /** Where it is in its life. */
        public Builder status(ImageStatus value) {
            this.status = value;
            return this;
        }

        /** Why it FAILED, or {@code null}. */
        public Builder errorMessage(String value) {
            this.errorMessage = value;
            return this;
        }

        /** Both fields of {@link QcOutcome} at once. */
        public Builder qc(QcOutcome value) {
            return qcStatus(value.status()).qcReason(value.reason());
        }

        /** The quality check's outcome. */
        public Builder qcStatus(QcStatus value) {
            this.qcStatus = value;
            return this;
        }

        /** Why the check failed (or a note), or {@code null}. */
        public Builder qcReason(String value) {
            this.qcReason = value;
            return this;
        }

        /** Every field of {@link ImageFiles} at once. */
        public Builder files(ImageFiles value) {
            return content(value.content()).variants(value.variants()).processingSettings(value.processingSettings());
        }

        /** The stored original, or {@code null} until the image is COMPLETED. */
        public Builder content(ImageContent value) {
            this.content = value;
            return this;
        }

        /** Its stored sizes (sorted by kind by {@link #build()}). */
        public Builder variants(List<Variant> value) {
            this.variants = value;
            return this;
        }

        /** How it was post-processed. */
        public Builder processingSettings(ProcessingSettings value) {
            this.processingSettings = value;
            return this;
        }

        /** Both fields of {@link ImageTimes} at once. */
        public Builder times(ImageTimes value) {
            return createdAt(value.createdAt()).updatedAt(value.updatedAt());
        }

        /** When it was recorded. */
        public Builder createdAt(Instant value) {
            this.createdAt = value;
            return this;
        }

        /** When it last changed. */
        public Builder updatedAt(Instant value) {
            this.updatedAt = value;
            return this;
        }

        /**
         * The image.
         *
         * @throws NullPointerException when id, owner or status is not set, or tags, metadata or variants are null
         */
        public Image build() {
            return new Image(this);
        }
    }
}
