package dev.genstore.internal;

import dev.genstore.errors.InvalidInputException;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Argument checks shared by the services: each names the field and what was wrong. */
final class Validate {
    private static final Pattern EMAIL = Pattern.compile(
            "^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    private static final Pattern ROLE = Pattern.compile("^[a-z][a-z0-9_.-]{0,63}$");
    private static final Pattern PROVIDER = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");

    private Validate() {
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        return value;
    }

    /** A non-blank text without control characters, at most {@code max} characters; returned trimmed. */
    static String text(String field, String value, int max) {
        notNull(field, value);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (trimmed.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters, was " + trimmed.length());
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(field, "must not contain control characters");
        }
        return trimmed;
    }

    /** Like {@link #text} but line breaks and tabs are allowed (prompts, descriptions). */
    static String multilineText(String field, String value, int max) {
        notNull(field, value);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (trimmed.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters, was " + trimmed.length());
        }
        if (trimmed.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidInputException(field, "must not contain control characters other than line breaks and tabs");
        }
        return trimmed;
    }

    /** Like {@link #text} but {@code null} stays {@code null}. */
    static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, max);
    }

    /** Trimmed, lower case, and of the usual mailbox@domain.tld shape. */
    static String email(String value) {
        String normalized = text("email", value, 254).toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalized).matches() || normalized.indexOf('@') > 64) {
            throw new InvalidInputException("email", "is not a valid email address: " + normalized);
        }
        return normalized;
    }

    static String language(String value) {
        String tag = text("language", value, 35);
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            if (locale.getLanguage().isEmpty()) {
                throw new InvalidInputException("language", "is not a BCP 47 language tag: " + tag);
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw new InvalidInputException("language", "is not a BCP 47 language tag: " + tag);
        }
    }

    static String role(String value) {
        String role = text("role", value, 64).toLowerCase(Locale.ROOT);
        if (!ROLE.matcher(role).matches()) {
            throw new InvalidInputException("role", "must be a letter then letters, digits, '_', '.' or '-': " + role);
        }
        return role;
    }

    static String provider(String value) {
        String provider = text("provider", value, 64).toLowerCase(Locale.ROOT);
        if (!PROVIDER.matcher(provider).matches()) {
            throw new InvalidInputException("provider", "must be letters, digits, '_', '.' or '-': " + provider);
        }
        return provider;
    }

    static long positive(String field, long amount) {
        if (amount <= 0) {
            throw new InvalidInputException(field, "must be positive, was " + amount);
        }
        return amount;
    }
}
