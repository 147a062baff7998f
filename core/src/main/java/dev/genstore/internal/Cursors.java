package dev.genstore.internal;

import dev.genstore.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/** Opaque page cursors: base64url of the last key of a page, tagged with the listing so one can't feed another. */
public final class Cursors {
    private Cursors() {
    }

    public static String encode(String listing, Object key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((listing + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String listing, String cursor) {
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
        if (!text.startsWith(listing + ":")) {
            throw invalid(cursor);
        }
        return text.substring(listing.length() + 1);
    }

    public static long decodeLong(String listing, String cursor) {
        try {
            return Long.parseLong(decode(listing, cursor));
        } catch (NumberFormatException e) {
            throw invalid(cursor);
        }
    }

    public static UUID decodeUuid(String listing, String cursor) {
        try {
            return UUID.fromString(decode(listing, cursor));
        } catch (IllegalArgumentException e) {
            throw invalid(cursor);
        }
    }

    private static InvalidInputException invalid(String cursor) {
        return new InvalidInputException("cursor", "is not a cursor of this listing: " + Validate.quote(cursor));
    }
}
