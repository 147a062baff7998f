package dev.genstore.images;

import java.time.Instant;

/**
 * When an image was recorded and last changed. Part of {@link Image} ({@link Image#times()}).
 *
 * @param createdAt when it was recorded
 * @param updatedAt when it last changed
 */
public record ImageTimes(Instant createdAt, Instant updatedAt) {
}
