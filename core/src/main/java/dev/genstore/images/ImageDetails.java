package dev.genstore.images;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the owner says about an image. Part of {@link Image} ({@link Image#details()}); title, description and tags
 * change with {@link Images#describe}.
 *
 * @param title       a title, or {@code null}
 * @param description a description, or {@code null}
 * @param tags        tags, lower case, sorted, distinct (made so: a copy, sorted, without repeats)
 * @param metadata    any other data, as JSON values (an unmodifiable view)
 */
public record ImageDetails(String title, String description, List<String> tags, Map<String, Object> metadata) {
    public ImageDetails {
        tags = List.copyOf(new TreeSet<>(tags));
        metadata = Collections.unmodifiableMap(metadata);
    }
}
