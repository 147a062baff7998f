package dev.genstore.console.internal;

import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.PageRequest;
import java.util.Locale;

/** Reading a page's inputs as the API would: a bad value is an {@link InvalidInputException} naming the field. */
final class Inputs {
    static final int PAGE_SIZE = 25;

    private Inputs() {
    }

    /** The keyset page the {@code after} cursor names (the first when absent). */
    static PageRequest page(Request request) {
        String after = request.value("after");
        return after == null ? PageRequest.first(PAGE_SIZE) : PageRequest.after(after, PAGE_SIZE);
    }

    /** A whole number of tokens, required. */
    static long amount(Request request, String field) {
        String text = request.value(field);
        if (text == null) {
            throw new InvalidInputException(field, "must be given");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "must be a whole number, was " + quote(text));
        }
    }

    /** An enum constant by name (any case), or null when absent. */
    static <E extends Enum<E>> E choice(Request request, String field, Class<E> type) {
        String text = request.value(field);
        if (text == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "is not one of " + java.util.Arrays.toString(type.getEnumConstants()) + ", was " + quote(text));
        }
    }

    /** A user named by id or email: the user, or NotFoundException. */
    static User user(View view, String idOrEmail) {
        if (idOrEmail.contains("@")) {
            return view.store.accounts().findByEmail(idOrEmail)
                    .orElseThrow(() -> new NotFoundException("user with email", quote(idOrEmail)));
        }
        return view.store.accounts().get(UserId.parse(idOrEmail));
    }

    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "…" : text;
        return "\"" + shown + "\"";
    }
}
