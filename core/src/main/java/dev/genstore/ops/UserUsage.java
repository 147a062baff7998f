package dev.genstore.ops;

import dev.genstore.accounts.UserId;

/**
 * What one user's images take.
 *
 * @param user   the owner
 * @param images how many images the user has (any status)
 * @param bytes  the bytes of their originals and variants, as recorded in the rows
 */
public record UserUsage(UserId user, long images, long bytes) {
}
