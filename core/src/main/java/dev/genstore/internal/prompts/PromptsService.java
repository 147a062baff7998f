package dev.genstore.internal.prompts;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.errors.StorageException;
import dev.genstore.images.ImagePolicy;
import dev.genstore.images.InvalidImageException;
import dev.genstore.images.VariantSpec;
import dev.genstore.internal.Cursors;
import dev.genstore.internal.GenstoreBlobs;
import dev.genstore.internal.Pages;
import dev.genstore.internal.RowBlobs;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.internal.imaging.ImageProcessor;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.prompts.BrokenImage;
import dev.genstore.prompts.Prompt;
import dev.genstore.prompts.PromptId;
import dev.genstore.prompts.PromptNormalizer;
import dev.genstore.prompts.PromptStatistics;
import dev.genstore.prompts.PromptThumbnail;
import dev.genstore.prompts.PromptThumbnailStorage;
import dev.genstore.prompts.Prompts;
import dev.genstore.prompts.RecordedUse.ThumbnailOutcome;
import dev.genstore.prompts.RecordedUse;
import dev.genstore.spi.PromptRepository;
import dev.genstore.spi.PromptThumbnailRow;
import dev.genstore.spi.Repositories;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** The prompt library's rules: normalization and hash identity, counting uses, search terms, keyset listings. */
public final class PromptsService implements Prompts {
    private static final int MAX_TEXT = 20_000;
    private static final int MAX_QUERY_TERMS = 32;
    private static final String SEARCH = "prompt-search";
    private static final String POPULAR = "prompt-popular";
    private static final String RECENT = "prompt-recent";
    private static final String MIME_TYPE = "image/webp";

    private final ServiceContext context;
    private final ImagePolicy thumbnailPolicy;
    private final boolean thumbnailsInBlobStore;
    private final RowBlobs rowBlobs;

    public PromptsService(ServiceContext context, ImagePolicy imagePolicy, PromptThumbnailStorage thumbnails) {
        this.context = context;
        this.thumbnailPolicy = imagePolicy.variants(VariantSpec.thumbnail());
        this.thumbnailsInBlobStore = thumbnails == PromptThumbnailStorage.BLOB_STORE;
        this.rowBlobs = new RowBlobs(context, "prompt thumbnail");
    }

    @Override
    public Prompt record(String text, String model) {
        return record(text, model, null);
    }

    @Override
    public Optional<PromptThumbnail> thumbnail(PromptId id) {
        Validate.notNull("promptId", id);
        return context.storage().read(r -> r.prompts().thumbnail(id).map(row -> new PromptThumbnail(row.promptId(),
                row.mimeType(), row.width(), row.height(), row.content() != null ? row.content() : blob(r, row.storageKey()),
                row.createdAt())));
    }

    private byte[] blob(Repositories r, String key) {
        if (context.blobsInDatabase()) {
            return r.blobs().content(key).orElseThrow(() -> new NotFoundException("blob", key));
        }
        try (InputStream in = context.blobs().get(key)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read the prompt thumbnail " + key + ": " + e.getMessage(), false, e);
        }
    }

    @Override
    public void delete(PromptId id) {
        Validate.notNull("promptId", id);
        context.storage().write(r -> {
            Validate.exists(r.prompts().find(id), "prompt", id);
            Optional<String> key = r.prompts().thumbnail(id).map(PromptThumbnailRow::storageKey);
            r.prompts().delete(id);
            key.ifPresent(k -> rowBlobs.deleteAfterCommit(r, List.of(k)));
            return null;
        });
    }

    @Override
    public int deleteWithoutThumbnails() {
        return context.storage().write(r -> r.prompts().deleteWithoutThumbnails());
    }

    @Override
    public Prompt record(String text, String model, byte[] image) {
        return record(text, model, image, BrokenImage.REFUSE).prompt();
    }

    @Override
    public RecordedUse record(String text, String model, byte[] image, BrokenImage onBrokenImage) {
        String valid = Validate.multilineText("prompt", text, MAX_TEXT);
        String validModel = Validate.text("model", model, 200);
        Validate.notNull("onBrokenImage", onBrokenImage);
        String normalized = PromptNormalizer.normalize(valid);
        if (normalized.isEmpty()) {
            throw new InvalidInputException("prompt", "must not be blank");
        }
        String hash = PromptNormalizer.hash(normalized);
        ImageProcessor.Encoded thumbnail = null;
        String skipReason = null;
        if (image != null) {
            try {
                thumbnail = ImageProcessor.process(image, thumbnailPolicy).variants().get(0);
            } catch (InvalidImageException e) {
                if (onBrokenImage == BrokenImage.REFUSE) {
                    throw e;
                }
                skipReason = e.getMessage();
            }
        }
        Prompt prompt = record(valid, normalized, hash, validModel, thumbnail);
        ThumbnailOutcome outcome = image == null ? ThumbnailOutcome.NO_IMAGE
                : skipReason != null ? ThumbnailOutcome.SKIPPED : ThumbnailOutcome.STORED;
        return new RecordedUse(prompt, outcome, skipReason);
    }

    private Prompt record(String valid, String normalized, String hash, String validModel, ImageProcessor.Encoded thumbnail) {
        // A thumbnail kept in the blob store is written with its row (and goes again if the row does not commit).
        String key = thumbnail != null && thumbnailsInBlobStore ? GenstoreBlobs.promptThumbnailKey(context.newId()) : null;
        List<RowBlobs.Blob> blobs = key == null ? List.of() : List.of(new RowBlobs.Blob(key, thumbnail.bytes(), MIME_TYPE));
        return rowBlobs.putThenRow(blobs, context.now(),
                r -> record(r, valid, normalized, hash, validModel, thumbnail, key));
    }

    private Prompt record(Repositories r, String valid, String normalized, String hash, String validModel,
                          ImageProcessor.Encoded thumbnail, String key) {
        PromptRepository prompts = r.prompts();
        Instant now = context.now();
        Optional<Prompt> existing = prompts.findByHash(hash);
        PromptId id;
        if (existing.isPresent()) {
            id = existing.get().id();
            prompts.countUse(id, now);
        } else {
            id = PromptId.of(context.newId());
            prompts.insert(new Prompt(id, valid, normalized, hash, 1, now, now), PromptTerms.index(normalized));
        }
        prompts.countModelUse(id, validModel);
        if (thumbnail != null) {
            prompts.thumbnail(id).map(PromptThumbnailRow::storageKey).filter(Objects::nonNull)
                    .ifPresent(old -> rowBlobs.deleteAfterCommit(r, List.of(old)));
            prompts.putThumbnail(new PromptThumbnailRow(id, MIME_TYPE, thumbnail.width(), thumbnail.height(),
                    key == null ? thumbnail.bytes() : null, key, now));
        }
        return prompts.find(id).orElseThrow();
    }

    @Override
    public Optional<Prompt> find(PromptId id) {
        Validate.notNull("promptId", id);
        return context.storage().read(r -> r.prompts().find(id));
    }

    @Override
    public Optional<Prompt> findByText(String text) {
        Validate.searchable("prompt", text);
        String hash = PromptNormalizer.hash(PromptNormalizer.normalize(text));
        return context.storage().read(r -> r.prompts().findByHash(hash));
    }

    @Override
    public Map<String, Long> modelUses(PromptId id) {
        Validate.notNull("promptId", id);
        return context.storage().read(r -> {
            Validate.exists(r.prompts().find(id), "prompt", id);
            return r.prompts().modelUses(id);
        });
    }

    @Override
    public Page<Prompt> search(String query, String model, PageRequest page) {
        String validQuery = Validate.text("query", query, 1000);
        String validModel = Validate.optionalText("model", model, 200);
        Validate.notNull("page", page);
        List<String> terms = PromptTerms.query(PromptNormalizer.normalize(validQuery));
        if (terms.size() > MAX_QUERY_TERMS) {
            throw new InvalidInputException("query", "must have at most " + MAX_QUERY_TERMS + " words, had " + terms.size());
        }
        Double afterScore = null;
        PromptId afterId = null;
        if (page.after() != null) {
            String key = Cursors.decode(SEARCH, page.after());
            int bar = key.indexOf('|');
            try {
                afterScore = Double.valueOf(key.substring(0, bar));
                afterId = PromptId.of(UUID.fromString(key.substring(bar + 1)));
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this listing: " + page.after());
            }
        }
        if (terms.isEmpty()) {
            return new Page<>(List.of(), null); // nothing to search for finds nothing (the cursor was still checked)
        }
        Double score = afterScore;
        PromptId id = afterId;
        List<PromptRepository.Scored> rows = context.storage().read(
                r -> r.prompts().search(terms, validModel, score, id, page.size() + 1));
        Page<PromptRepository.Scored> scored = Pages.of(rows, page.size(),
                s -> Cursors.encode(SEARCH, s.score() + "|" + s.prompt().id()));
        return new Page<>(scored.items().stream().map(PromptRepository.Scored::prompt).toList(), scored.nextCursor());
    }

    @Override
    public Page<Prompt> mostPopular(String model, PageRequest page) {
        String validModel = Validate.optionalText("model", model, 200);
        Validate.notNull("page", page);
        Long afterUses = null;
        PromptId afterId = null;
        if (page.after() != null) {
            String key = Cursors.decode(POPULAR, page.after());
            int bar = key.indexOf('|');
            try {
                afterUses = Long.valueOf(key.substring(0, bar));
                afterId = PromptId.of(UUID.fromString(key.substring(bar + 1)));
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this listing: " + page.after());
            }
        }
        Long uses = afterUses;
        PromptId id = afterId;
        List<Prompt> rows = context.storage().read(r -> r.prompts().popular(validModel, uses, id, page.size() + 1));
        return Pages.of(rows, page.size(), p -> Cursors.encode(POPULAR, p.totalUses() + "|" + p.id()));
    }

    @Override
    public Page<Prompt> mostRecent(String model, PageRequest page) {
        String validModel = Validate.optionalText("model", model, 200);
        Validate.notNull("page", page);
        Instant afterTime = null;
        PromptId afterId = null;
        if (page.after() != null) {
            String key = Cursors.decode(RECENT, page.after());
            int bar = key.indexOf('|');
            try {
                afterTime = Instant.parse(key.substring(0, bar));
                afterId = PromptId.of(UUID.fromString(key.substring(bar + 1)));
            } catch (RuntimeException e) {
                throw new InvalidInputException("cursor", "is not a cursor of this listing: " + page.after());
            }
        }
        Instant time = afterTime;
        PromptId id = afterId;
        List<Prompt> rows = context.storage().read(r -> r.prompts().recent(validModel, time, id, page.size() + 1));
        return Pages.of(rows, page.size(), p -> Cursors.encode(RECENT, p.lastUsedAt() + "|" + p.id()));
    }

    @Override
    public PromptStatistics statistics() {
        return context.storage().read(r -> new PromptStatistics(r.prompts().countPrompts(), r.prompts().sumUses(),
                r.prompts().countThumbnails(), r.prompts().usesPerModel()));
    }

    @Override
    public int deleteUnusedSince(Instant cutoff) {
        Validate.instant("cutoff", cutoff);
        return context.storage().write(r -> {
            List<String> keys = r.prompts().thumbnailKeysUnusedBefore(cutoff);
            int deleted = r.prompts().deleteUnusedBefore(cutoff);
            rowBlobs.deleteAfterCommit(r, keys);
            return deleted;
        });
    }
}
