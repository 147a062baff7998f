package dev.genstore.internal.images;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.images.Image;
import dev.genstore.images.ImageContent;
import dev.genstore.images.ImageId;
import dev.genstore.images.ImageStatus;
import dev.genstore.images.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import dev.genstore.spi.Repositories;

/** What the image classes share about an image row: finding it locked, its status moves, its blob keys. */
final class ImageRows {
    private ImageRows() {
    }

    /** The owner's image, locked for the rest of the transaction; another owner's is not found. */
    static Image locked(Repositories r, UserId owner, ImageId id) {
        return r.images().lock(owner, id).orElseThrow(() -> new NotFoundException("image", id));
    }

    static void requireMove(Image image, ImageStatus target) {
        if (!image.status().canMoveTo(target)) {
            throw new IllegalTransitionException("image", image.id(), image.status(), target);
        }
    }

    static void requireUser(Repositories r, UserId user) {
        if (r.users().find(user).isEmpty()) {
            throw new NotFoundException("user", user);
        }
    }

    /** {@code i} moved to {@code status}, with its error, content and variants as given, changed at {@code now}. */
    static Image withStatus(Image i, ImageStatus status, String error, ImageContent content, List<Variant> variants,
                            Instant now) {
        return i.toBuilder().status(status).errorMessage(error).content(content).variants(variants).updatedAt(now).build();
    }

    /** The keys of the image's original and variants. */
    static List<String> keysOf(Image image) {
        List<String> keys = new ArrayList<>();
        if (image.content() != null) {
            keys.add(image.content().storageKey());
        }
        image.variants().forEach(v -> keys.add(v.storageKey()));
        return keys;
    }
}
