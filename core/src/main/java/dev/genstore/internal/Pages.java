package dev.genstore.internal;

import dev.genstore.paging.Page;
import java.util.List;
import java.util.function.Function;

/** Builds a page from a query that fetched one row more than asked, to know whether another page follows. */
public final class Pages {
    private Pages() {
    }

    public static <T> Page<T> of(List<T> rowsPlusOne, int size, Function<T, String> cursorOf) {
        if (rowsPlusOne.size() <= size) {
            return new Page<>(rowsPlusOne, null);
        }
        List<T> items = rowsPlusOne.subList(0, size);
        return new Page<>(items, cursorOf.apply(items.get(size - 1)));
    }
}
