package dev.genstore.paging;

import dev.genstore.errors.InvalidInputException;

/**
 * Asks for one page of a keyset-paged listing: the first page, or the page after an opaque cursor taken from
 * {@link Page#nextCursor()}. Pages never skip or repeat items that existed when the first page was read, however
 * many rows are added meanwhile.
 *
 * @param after the cursor to continue from, or {@code null} for the first page
 * @param size  the maximum number of items, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(String after, int size) {
    /** The largest page size accepted. */
    public static final int MAX_SIZE = 1000;

    public PageRequest {
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "must be between 1 and " + MAX_SIZE + ", was " + size);
        }
        if (after != null && after.isBlank()) {
            throw new InvalidInputException("after", "must not be blank");
        }
    }

    /** The first page of at most {@code size} items. */
    public static PageRequest first(int size) {
        return new PageRequest(null, size);
    }

    /** The page after {@code cursor}, of at most {@code size} items. */
    public static PageRequest after(String cursor, int size) {
        if (cursor == null) {
            throw new InvalidInputException("cursor", "must not be null");
        }
        return new PageRequest(cursor, size);
    }
}
