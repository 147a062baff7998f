package dev.genstore.internal;

import dev.genstore.accounts.UserId;
import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobKeys;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.images.BlobSweepReport;
import dev.genstore.images.BlobSweepReport.MissingBlob;
import dev.genstore.images.Image;
import dev.genstore.images.ImageContent;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.ImageStatus;
import dev.genstore.images.ImageTooLargeException;
import dev.genstore.images.ImageType;
import dev.genstore.images.Images;
import dev.genstore.images.NewImage;
import dev.genstore.images.ProcessingSettings;
import dev.genstore.images.QcStatus;
import dev.genstore.images.StoredContent;
import dev.genstore.images.Variant;
import dev.genstore.images.VariantKind;
import dev.genstore.internal.imaging.ImageProcessor;
import dev.genstore.internal.imaging.ImageProcessor.Encoded;
import dev.genstore.internal.imaging.ImageProcessor.Processed;
import dev.genstore.jobs.Job;
import dev.genstore.jobs.JobId;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.ImageBlobRef;
import dev.genstore.spi.Repositories;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules for images: validation, processing before any write, blobs before rows (and cleaned up when the rows do not
 * commit), the status machine, job counters in the transaction of the image, tenancy by owner.
 */
public final class ImagesService implements Images {
    private static final Logger LOG = LoggerFactory.getLogger(ImagesService.class);
    private static final String LISTING = "images";
    private static final int MAX_TAGS = 50;
    private static final int SWEEP_PAGE = 500;

    private final ServiceContext context;
    private final ImagePolicy policy;
    private final RowBlobs rowBlobs;

    public ImagesService(ServiceContext context, ImagePolicy policy) {
        this.context = context;
        this.policy = policy;
        this.rowBlobs = new RowBlobs(context, "image");
    }

    /** A NewImage with its fields checked and normalized. */
    private record Valid(UserId owner, ImageType type, JobId jobId, String fileName, String title, String description,
                         List<String> tags, String prompt, Long seed, String model, ProcessingSettings settings,
                         Map<String, Object> metadata, long tokensUsed) {
    }

    private static Valid validate(NewImage image) {
        Validate.notNull("image", image);
        Validate.notNull("owner", image.owner());
        Validate.notNull("type", image.type());
        Validate.summedAmount("tokensUsed", image.tokensUsed());
        Validate.notNull("processingSettings", image.processingSettings());
        // Written and read back as JSON: what the caller gets from a write equals what a later read gives.
        ProcessingSettings settings = ProcessingSettings.fromMap(
                JsonValues.normalize("processingSettings", image.processingSettings().toMap()));
        return new Valid(image.owner(), image.type(), image.jobId(),
                Validate.optionalText("fileName", image.fileName(), 255),
                Validate.optionalText("title", image.title(), 200),
                multiline("description", image.description(), 5000),
                tags(image.tags()),
                multiline("prompt", image.prompt(), 20_000),
                image.seed(),
                Validate.optionalText("model", image.model(), 200),
                settings,
                JsonValues.normalize("metadata", image.metadata()),
                image.tokensUsed());
    }

    /** Text that may span lines (newlines and tabs allowed, other control characters not); null stays null. */
    private static String multiline(String field, String value, int max) {
        return value == null ? null : Validate.multilineText(field, value, max);
    }

    private static List<String> tags(List<String> values) {
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

    private static String tag(String value) {
        return Validate.text("tags", value, 64).toLowerCase(Locale.ROOT);
    }

    // ---- storing --------------------------------------------------------------------------------------------------

    @Override
    public Image store(NewImage image, byte[] content) {
        Valid valid = validate(image);
        Validate.notNull("content", content);
        Processed processed = ImageProcessor.process(content, policy);
        ImageId id = ImageId.of(context.newId());
        String name = valid.fileName() != null ? valid.fileName() : valid.title();
        return persist(valid.owner(), id, processed, content, name, r -> {
            requireUser(r, valid.owner());
            return newRow(id, valid, context.now());
        }, true);
    }

    @Override
    public Image store(NewImage image, InputStream content) {
        validate(image); // fail before reading a stream for nothing
        Validate.notNull("content", content);
        return store(image, readLimited(content));
    }

    private byte[] readLimited(InputStream content) {
        try {
            byte[] bytes = content.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, policy.maxBytes() + 1));
            if (bytes.length > policy.maxBytes()) {
                throw new ImageTooLargeException("has more than the limit of " + policy.maxBytes() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new StorageException("cannot read the image content: " + e, false, e);
        }
    }

    @Override
    public Image register(NewImage image, StoredContent content) {
        Valid valid = validate(image);
        Validate.notNull("content", content);
        ImageContent checked = StoredContents.check(content, policy);
        ImageId id = ImageId.of(context.newId());
        return context.storage().write(r -> {
            requireUser(r, valid.owner());
            StoredContents.requireBlob(context.blobs(), r, checked);
            Image row = newRow(id, valid, context.now());
            if (row.jobId() != null) {
                JobImageCounts.countSuccessful(r, valid.owner(), row.jobId());
            }
            Image completed = copy(row, ImageStatus.COMPLETED, null, checked, List.of(), context.now());
            r.images().insert(completed);
            return completed;
        });
    }

    @Override
    public Image create(NewImage image) {
        Valid valid = validate(image);
        return context.storage().write(r -> {
            requireUser(r, valid.owner());
            Image created = newRow(ImageId.of(context.newId()), valid, context.now());
            if (valid.jobId() != null) {
                ownersJob(r, valid.owner(), valid.jobId());
            }
            r.images().insert(created);
            return created;
        });
    }

    private static Image newRow(ImageId id, Valid v, Instant now) {
        return Image.builder().id(id).owner(v.owner()).status(ImageStatus.PENDING).errorMessage(null)
                .type(v.type()).jobId(v.jobId()).prompt(v.prompt()).seed(v.seed()).model(v.model())
                .tokensUsed(v.tokensUsed()).title(v.title()).description(v.description()).tags(v.tags())
                .metadata(v.metadata()).processingSettings(v.settings()).qcStatus(QcStatus.PENDING).qcReason(null)
                .content(null).variants(List.of()).createdAt(now).updatedAt(now).build();
    }

    @Override
    public Image startProcessing(UserId owner, ImageId id) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        return context.storage().write(r -> {
            Image image = locked(r, owner, id);
            requireMove(image, ImageStatus.PROCESSING);
            Image moved = copy(image, ImageStatus.PROCESSING, image.errorMessage(), image.content(), image.variants(), context.now());
            r.images().update(moved);
            return moved;
        });
    }

    @Override
    public Image complete(UserId owner, ImageId id, byte[] content) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        Validate.notNull("content", content);
        Image current = get(owner, id);
        requireMove(current, ImageStatus.COMPLETED);
        Processed processed = ImageProcessor.process(content, policy);
        return persist(owner, id, processed, content, current.title(), r -> {
            Image image = locked(r, owner, id);
            requireMove(image, ImageStatus.COMPLETED); // it may have moved since it was read
            return image;
        }, false);
    }

    @FunctionalInterface
    private interface RowSource {
        /** The image row (PENDING or PROCESSING) the content completes, read or made inside the transaction. */
        Image row(Repositories r);
    }

    /**
     * Writes the blobs of a processed image, then, in one transaction, its row as COMPLETED and its job's count
     * ({@link RowBlobs#putThenRow}: the blobs go again when the row does not commit).
     */
    private Image persist(UserId owner, ImageId id, Processed processed, byte[] content, String fileName, RowSource source,
                          boolean insert) {
        Instant at = context.now();
        List<RowBlobs.Blob> blobs = blobsOf(owner, id, at, processed, content, baseName(fileName));
        return rowBlobs.putThenRow(blobs, at, r -> {
            Image row = source.row(r);
            if (row.jobId() != null) {
                JobImageCounts.countSuccessful(r, owner, row.jobId());
            }
            Image completed = copy(row, ImageStatus.COMPLETED, null, contentOf(processed, content, blobs.get(0).key()),
                    variantsOf(processed, blobs), context.now());
            if (insert) {
                r.images().insert(completed);
            } else {
                r.images().update(completed);
            }
            return completed;
        });
    }

    private List<RowBlobs.Blob> blobsOf(UserId owner, ImageId id, Instant at, Processed processed, byte[] content, String name) {
        String prefix = GenstoreBlobs.imagePrefix(policy);
        String stem = id + "-" + name;
        List<RowBlobs.Blob> blobs = new ArrayList<>();
        String originalExtension = switch (processed.probe().format()) {
            case "jpeg" -> "jpg";
            case "tiff" -> "tif";
            default -> processed.probe().format();
        };
        blobs.add(new RowBlobs.Blob(BlobKeys.of(prefix, owner, at, stem + "." + originalExtension), content,
                "image/" + processed.probe().format()));
        for (Encoded variant : processed.variants()) {
            String file = stem + "." + variant.spec().kind().name().toLowerCase(Locale.ROOT) + "." + variant.spec().format().extension();
            blobs.add(new RowBlobs.Blob(BlobKeys.of(prefix, owner, at, file), variant.bytes(), variant.spec().format().contentType()));
        }
        return blobs;
    }

    private static String baseName(String fileName) {
        if (fileName == null) {
            return "image";
        }
        String sanitized = BlobKeys.sanitizeFileName(fileName);
        int dot = sanitized.lastIndexOf('.');
        String stem = dot > 0 ? sanitized.substring(0, dot) : sanitized;
        return stem.length() > 50 ? stem.substring(0, 50) : stem;
    }

    private static ImageContent contentOf(Processed processed, byte[] content, String key) {
        return new ImageContent(processed.probe().format(), processed.width(), processed.height(), content.length,
                processed.sha256(), key);
    }

    private static List<Variant> variantsOf(Processed processed, List<RowBlobs.Blob> blobs) {
        List<Variant> variants = new ArrayList<>();
        for (int i = 0; i < processed.variants().size(); i++) {
            Encoded encoded = processed.variants().get(i);
            variants.add(new Variant(encoded.spec().kind(), encoded.spec().format(), encoded.width(), encoded.height(),
                    encoded.bytes().length, blobs.get(i + 1).key()));
        }
        return variants;
    }

    @Override
    public Image fail(UserId owner, ImageId id, String reason) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        String why = multiline("reason", Validate.notNull("reason", reason), 2000);
        return context.storage().write(r -> {
            Image image = locked(r, owner, id);
            requireMove(image, ImageStatus.FAILED);
            if (image.jobId() != null) {
                JobImageCounts.countFailed(r, owner, image.jobId());
            }
            Image failed = copy(image, ImageStatus.FAILED, why, image.content(), image.variants(), context.now());
            r.images().update(failed);
            return failed;
        });
    }

    // ---- reading and changing -------------------------------------------------------------------------------------

    @Override
    public Optional<Image> find(UserId owner, ImageId id) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        return context.storage().read(r -> r.images().find(owner, id));
    }

    @Override
    public Image get(UserId owner, ImageId id) {
        return find(owner, id).orElseThrow(() -> new NotFoundException("image", id));
    }

    @Override
    public Image describe(UserId owner, ImageId id, String title, String description, List<String> tags) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        String validTitle = Validate.optionalText("title", title, 200);
        String validDescription = multiline("description", description, 5000);
        List<String> validTags = tags(tags);
        return context.storage().write(r -> {
            Image i = locked(r, owner, id);
            Image described = i.toBuilder().title(validTitle).description(validDescription).tags(validTags)
                    .updatedAt(context.now()).build();
            r.images().update(described);
            return described;
        });
    }

    @Override
    public Image recordQc(UserId owner, ImageId id, QcStatus status, String reason) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        Validate.notNull("status", status);
        String why = multiline("reason", reason, 2000);
        if (status == QcStatus.FAILED && why == null) {
            throw new InvalidInputException("reason", "must be given when the check FAILED");
        }
        return context.storage().write(r -> {
            Image i = locked(r, owner, id);
            Image checked = i.toBuilder().qcStatus(status).qcReason(why).updatedAt(context.now()).build();
            r.images().update(checked);
            return checked;
        });
    }

    @Override
    public InputStream openContent(UserId owner, ImageId id) {
        Image image = get(owner, id);
        if (image.content() == null) {
            throw new NotFoundException("content of image", id);
        }
        return open(image.content().storageKey());
    }

    @Override
    public InputStream openVariant(UserId owner, ImageId id, VariantKind kind) {
        Validate.notNull("kind", kind);
        Image image = get(owner, id);
        Variant variant = image.variant(kind).orElseThrow(() -> new NotFoundException(kind.name().toLowerCase(Locale.ROOT) + " of image", id));
        return open(variant.storageKey());
    }

    private InputStream open(String key) {
        return context.blobs().get(key);
    }

    @Override
    public void delete(UserId owner, ImageId id) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        context.storage().write(r -> {
            Image image = locked(r, owner, id);
            r.images().delete(id);
            rowBlobs.deleteAfterCommit(r, keysOf(image));
            return null;
        });
    }

    /**
     * Deletes the owner's images of {@code job} with their tags and variants in the transaction of {@code r}, and their
     * blobs once it commits (at once, in it, when blobs live in the database). Called by the job's deletion.
     */
    void deleteJobImages(Repositories r, UserId owner, JobId job) {
        ImageFilter ofJob = ImageFilter.all().job(job);
        List<String> keys = new ArrayList<>();
        List<Image> page;
        do {
            page = r.images().listBefore(owner, ofJob, null, SWEEP_PAGE);
            for (Image image : page) {
                r.images().delete(image.id());
                keys.addAll(keysOf(image));
            }
        } while (!page.isEmpty());
        rowBlobs.deleteAfterCommit(r, keys);
    }

    /**
     * Deletes the blobs of every image of {@code owner}, and anything else under the owner's image prefix, once the
     * transaction of {@code r} commits (at once, in it, when blobs live in the database). Called by the user's deletion
     * before the rows cascade away.
     */
    void removeOwnerBlobs(Repositories r, UserId owner) {
        rowBlobs.deleteAfterCommit(r, r.images().storageKeys(owner));
        rowBlobs.deleteAllUnderAfterCommit(r, BlobKeys.ownerPrefix(GenstoreBlobs.imagePrefix(policy), owner));
    }

    private static List<String> keysOf(Image image) {
        List<String> keys = new ArrayList<>();
        if (image.content() != null) {
            keys.add(image.content().storageKey());
        }
        image.variants().forEach(v -> keys.add(v.storageKey()));
        return keys;
    }

    @Override
    public Page<Image> list(UserId owner, ImageFilter filter, PageRequest page) {
        Validate.notNull("owner", owner);
        Validate.notNull("filter", filter);
        Validate.notNull("page", page);
        ImageFilter valid = filter.tag() == null ? filter : filter.tag(tag(filter.tag()));
        ImageId before = page.after() == null ? null : ImageId.of(Cursors.decodeUuid(LISTING, page.after()));
        List<Image> rows = context.storage().read(r -> {
            requireUser(r, owner);
            return r.images().listBefore(owner, valid, before, page.size() + 1);
        });
        return Pages.of(rows, page.size(), image -> Cursors.encode(LISTING, image.id()));
    }

    @Override
    public ImageStatistics statistics(UserId owner) {
        Validate.notNull("owner", owner);
        return context.storage().read(r -> {
            requireUser(r, owner);
            return r.images().statistics(owner);
        });
    }

    // ---- the sweep ------------------------------------------------------------------------------------------------

    @Override
    public BlobSweepReport sweep(Duration grace, boolean repair) {
        Validate.duration("grace", grace);
        List<String> orphans = orphanBlobs(context.now().minus(grace));
        List<ImageBlobRef> missingRefs = new ArrayList<>();
        ImageId after = null;
        while (true) {
            ImageId from = after;
            List<ImageBlobRef> refs = context.storage().read(r -> r.images().blobRefsAfter(from, SWEEP_PAGE));
            if (refs.isEmpty()) {
                break;
            }
            List<ImageBlobRef> suspects = refs.stream().filter(ref -> !context.blobs().exists(ref.storageKey())).toList();
            missingRefs.addAll(stillMissing(suspects));
            after = refs.get(refs.size() - 1).imageId();
        }
        List<MissingBlob> missing = missingRefs.stream()
                .map(ref -> new MissingBlob(ref.imageId(), ref.kind(), ref.storageKey())).toList();
        if (repair) {
            rowBlobs.deleteNow(orphans);
            repairMissing(missingRefs);
            removeLeftovers();
        }
        return new BlobSweepReport(orphans, missing, repair);
    }

    /**
     * Those of {@code suspects} (rows seen naming a blob that was then absent) whose key a row still names now and whose
     * blob is still absent: an image deleted meanwhile loses its rows before its blobs, so it drops out here instead of
     * being reported (verify runs while the application works).
     */
    private List<ImageBlobRef> stillMissing(List<ImageBlobRef> suspects) {
        if (suspects.isEmpty()) {
            return suspects;
        }
        Set<String> named = context.storage().read(r -> r.images().referencedKeys(
                suspects.stream().map(ImageBlobRef::storageKey).toList()));
        return suspects.stream().filter(ref -> named.contains(ref.storageKey()) && !context.blobs().exists(ref.storageKey()))
                .toList();
    }

    /** What failed or interrupted puts left in the blob store that is no blob (a directory store's strays). */
    void removeLeftovers() {
        try {
            context.blobs().removeLeftovers();
        } catch (RuntimeException e) {
            LOG.warn("could not remove the blob store's leftovers: {}", e.toString());
        }
    }

    /**
     * Keys under the images prefix (inside genstore's root) that no image row names, whose key time is at or before
     * {@code cutoff}, in key order. Each is looked at again after the listing: an image deleted meanwhile loses its row
     * before its blobs, which are gone by then.
     */
    public List<String> orphanBlobs(Instant cutoff) {
        List<String> orphans = new ArrayList<>();
        PageRequest request = PageRequest.first(SWEEP_PAGE);
        while (true) {
            Page<BlobInfo> page = context.blobs().list(GenstoreBlobs.imagePrefix(policy) + "/", request);
            List<String> keys = page.items().stream().map(BlobInfo::key).toList();
            Set<String> referenced = keys.isEmpty() ? Set.of() : context.storage().read(r -> r.images().referencedKeys(keys));
            for (String key : keys) {
                if (!referenced.contains(key) && BlobKeys.timestampOf(key).map(t -> !t.isAfter(cutoff)).orElse(true)) {
                    orphans.add(key);
                }
            }
            if (!page.hasNext()) {
                return orphans.stream().filter(key -> context.blobs().exists(key)).toList();
            }
            request = page.next(SWEEP_PAGE).orElseThrow();
        }
    }

    private void repairMissing(List<ImageBlobRef> refs) {
        Set<ImageId> deleted = new HashSet<>();
        for (ImageBlobRef ref : refs) {
            if (ref.kind() == null && deleted.add(ref.imageId())) {
                try {
                    delete(ref.owner(), ref.imageId());
                } catch (NotFoundException gone) {
                    // deleted meanwhile
                }
            }
        }
        for (ImageBlobRef ref : refs) {
            if (ref.kind() != null && !deleted.contains(ref.imageId())) {
                context.storage().write(r -> r.images().deleteVariant(ref.imageId(), ref.kind()));
            }
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static Image locked(Repositories r, UserId owner, ImageId id) {
        return r.images().lock(owner, id).orElseThrow(() -> new NotFoundException("image", id));
    }

    private static void requireMove(Image image, ImageStatus target) {
        if (!image.status().canMoveTo(target)) {
            throw new IllegalTransitionException("image", image.id(), image.status(), target);
        }
    }

    private static Job ownersJob(Repositories r, UserId owner, JobId id) {
        return JobImageCounts.ownersJob(r, owner, id);
    }

    private static Image copy(Image i, ImageStatus status, String error, ImageContent content, List<Variant> variants, Instant now) {
        return i.toBuilder().status(status).errorMessage(error).content(content).variants(variants).updatedAt(now).build();
    }

    private static void requireUser(Repositories r, UserId user) {
        if (r.users().find(user).isEmpty()) {
            throw new NotFoundException("user", user);
        }
    }
}
