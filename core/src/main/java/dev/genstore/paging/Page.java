package dev.genstore.paging;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing in a stable order.
 *
 * @param items      the items of this page, at most the requested size
 * @param nextCursor the opaque cursor of the next page, or {@code null} when this is the last page
 * @param <T>        the item type
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }

    /** The request for the page after this one, or empty when this is the last page. */
    public Optional<PageRequest> next(int size) {
        return nextCursor == null ? Optional.empty() : Optional.of(PageRequest.after(nextCursor, size));
    }

    /** True when there are more items after this page. */
    public boolean hasNext() {
        return nextCursor != null;
    }
}
