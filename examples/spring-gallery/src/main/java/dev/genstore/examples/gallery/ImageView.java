package dev.genstore.examples.gallery;

import dev.genstore.images.Image;
import dev.genstore.images.ImageContent;
import java.time.Instant;
import java.util.List;

/**
 * An image as the API shows it (seed 004's image fields): no storage keys, which only signed links hand out.
 *
 * @param variants the sizes a signed link can be asked for besides {@code original}, lower case
 */
public record ImageView(String id, String type, String status, String title, String prompt, Long seed, String format,
                        Integer width, Integer height, Long bytes, long tokensUsed, List<String> variants,
                        Instant createdAt) {

    /** The view of a stored image. */
    public static ImageView of(Image image) {
        ImageContent content = image.content();
        return new ImageView(image.id().toString(), image.type().name(), image.status().name(), image.title(),
                image.prompt(), image.seed(), content == null ? null : content.format(),
                content == null ? null : content.width(), content == null ? null : content.height(),
                content == null ? null : content.bytes(), image.tokensUsed(),
                image.variants().stream().map(v -> v.kind().name().toLowerCase(java.util.Locale.ROOT)).toList(),
                image.createdAt());
    }
}
