package dev.genstore.internal.images;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageFilter;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImageStatistics;
import dev.genstore.images.Variant;
import dev.genstore.images.VariantKind;
import dev.genstore.internal.Cursors;
import dev.genstore.internal.Pages;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reading images: one by id, pages of a listing, an owner's statistics, and the content of an original or variant. */
final class ImageReads {
    private static final String LISTING = "images";

    private final ServiceContext context;

    ImageReads(ServiceContext context) {
        this.context = context;
    }

    Optional<Image> find(UserId owner, ImageId id) {
        Validate.notNull("owner", owner);
        Validate.notNull("imageId", id);
        return context.storage().read(r -> r.images().find(owner, id));
    }

    Image get(UserId owner, ImageId id) {
        return find(owner, id).orElseThrow(() -> new NotFoundException("image", id));
    }

    Page<Image> list(UserId owner, ImageFilter filter, PageRequest page) {
        Validate.notNull("owner", owner);
        Validate.notNull("filter", filter);
        Validate.notNull("page", page);
        ImageFilter valid = filter.tag() == null ? filter : filter.tag(ValidImage.tag(filter.tag()));
        ImageId before = page.after() == null ? null : ImageId.of(Cursors.decodeUuid(LISTING, page.after()));
        List<Image> rows = context.storage().read(r -> {
            ImageRows.requireUser(r, owner);
            return r.images().listBefore(owner, valid, before, page.size() + 1);
        });
        return Pages.of(rows, page.size(), image -> Cursors.encode(LISTING, image.id()));
    }

    ImageStatistics statistics(UserId owner) {
        Validate.notNull("owner", owner);
        return context.storage().read(r -> {
            ImageRows.requireUser(r, owner);
            return r.images().statistics(owner);
        });
    }

    InputStream openContent(UserId owner, ImageId id) {
        Image image = get(owner, id);
        if (image.content() == null) {
            throw new NotFoundException("content of image", id);
        }
        return context.blobs().get(image.content().storageKey());
    }

    InputStream openVariant(UserId owner, ImageId id, VariantKind kind) {
        Validate.notNull("kind", kind);
        Image image = get(owner, id);
        Variant variant = image.variant(kind).orElseThrow(() -> new NotFoundException(kind.name().toLowerCase(Locale.ROOT) + " of image", id));
        return context.blobs().get(variant.storageKey());
    }
}
