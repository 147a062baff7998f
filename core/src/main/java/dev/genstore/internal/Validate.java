package dev.genstore.internal;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the services: each names the field and what was wrong. The ranges genstore accepts
 * (instants, durations, amounts, free text) are defined here, once, and stated in the README's "Errors" section.
 */
public final class Validate {
    /** The earliest instant accepted from a caller: 1970-01-01T00:00:00Z. */
    static final Instant MIN_INSTANT = Instant.EPOCH;
    /** The latest instant accepted from a caller: the end of year 9999 (every backend's timestamps hold it). */
    static final Instant MAX_INSTANT = Instant.parse("9999-12-31T23:59:59.999999999Z");
    /** The longest duration accepted from a caller: 1,000 years of 365.25 days, so now ± it never overflows. */
    static final Duration MAX_DURATION = Duration.ofDays(365_250);
    /**
     * The largest single amount that is summed later (spend and reservation micros, tokens used by an image): 10^15
     * (a billion currency units in micros), so that 9,223 records at the maximum still add up inside a signed 64-bit
     * total.
     */
    static final long MAX_SUMMED_AMOUNT = 1_000_000_000_000_000L;
    /** The longest free text (error messages, reasons, notes), stored whole: 65,536 characters. */
    static final int MAX_FREE_TEXT = 65_536;

    private static final Pattern EMAIL = Pattern.compile(
            "^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$");
    private static final Pattern ROLE = Pattern.compile("^[a-z][a-z0-9_.-]{0,63}$");
    private static final Pattern PROVIDER = Pattern.compile("^[a-z0-9][a-z0-9_.-]{0,63}$");

    private Validate() {
    }

    /** Throws {@link NotFoundException} naming {@code kind} and {@code id} when {@code found} is empty. */
    public static void exists(Optional<?> found, String kind, Object id) {
        if (found.isEmpty()) {
            throw new NotFoundException(kind, id);
        }
    }

    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        return value;
    }

    /** A non-blank text without control characters, at most {@code max} characters; returned trimmed. */
    public static String text(String field, String value, int max) {
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
        wellFormed(field, trimmed);
        return trimmed;
    }

    /** Fails when a text holds a lone surrogate (malformed UTF-16, which no database stores as it was). */
    public static String wellFormed(String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidInputException(field, "must be well-formed Unicode, but has a lone surrogate at index " + i);
            }
        }
        return value;
    }

    /** Fails when a text holds a control character other than a line break or a tab, or a lone surrogate. */
    public static String freeTextCharacters(String field, String value) {
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new InvalidInputException(field, "must not contain control characters other than line breaks and tabs");
        }
        return wellFormed(field, value);
    }

    /** A lookup key (an email, a search query, a cursor) that can never match stored text when it is not such text. */
    public static String searchable(String field, String value) {
        notNull(field, value);
        return freeTextCharacters(field, value);
    }

    /** Free text stored whole (an error message, a reason): {@link #multilineText} up to {@link #MAX_FREE_TEXT}. */
    public static String freeText(String field, String value) {
        return multilineText(field, value, MAX_FREE_TEXT);
    }

    /** An instant from a caller, inside [{@link #MIN_INSTANT}, {@link #MAX_INSTANT}]. */
    public static Instant instant(String field, Instant value) {
        notNull(field, value);
        if (value.isBefore(MIN_INSTANT) || value.isAfter(MAX_INSTANT)) {
            throw new InvalidInputException(field, "must be from " + MIN_INSTANT + " to " + MAX_INSTANT + ", was " + value);
        }
        return value;
    }

    /** Like {@link #instant} but {@code null} stays {@code null}. */
    public static Instant optionalInstant(String field, Instant value) {
        return value == null ? null : instant(field, value);
    }

    /** A duration from a caller, from zero to {@link #MAX_DURATION}. */
    public static Duration duration(String field, Duration value) {
        notNull(field, value);
        if (value.isNegative() || value.compareTo(MAX_DURATION) > 0) {
            throw new InvalidInputException(field, "must be from 0 to " + MAX_DURATION.toDays() + " days, was " + value);
        }
        return value;
    }

    /** A duration above zero and at most {@link #MAX_DURATION}. */
    public static Duration positiveDuration(String field, Duration value) {
        duration(field, value);
        if (value.isZero()) {
            throw new InvalidInputException(field, "must be positive, was " + value);
        }
        return value;
    }

    /** An amount that is summed later: from 0 to {@link #MAX_SUMMED_AMOUNT}. */
    public static long summedAmount(String field, long amount) {
        if (amount < 0 || amount > MAX_SUMMED_AMOUNT) {
            throw new InvalidInputException(field, "must be from 0 to " + MAX_SUMMED_AMOUNT + ", was " + amount
                    + ": a total of such amounts would overflow");
        }
        return amount;
    }

    /** Fails when adding {@code amount} to {@code total} would overflow a signed 64-bit total. */
    public static long addToTotal(String field, long total, long amount) {
        try {
            return Math.addExact(total, amount);
        } catch (ArithmeticException e) {
            throw new InvalidInputException(field, "would overflow the total of " + total);
        }
    }

    /** A short prefix of caller input for an exception message: see {@link InvalidInputException#quote}. */
    public static String quote(Object value) {
        return InvalidInputException.quote(value);
    }

    /** Like {@link #text} but line breaks and tabs are allowed (prompts, descriptions). */
    public static String multilineText(String field, String value, int max) {
        notNull(field, value);
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new InvalidInputException(field, "must not be blank");
        }
        if (trimmed.length() > max) {
            throw new InvalidInputException(field, "must be at most " + max + " characters, was " + trimmed.length());
        }
        return freeTextCharacters(field, trimmed);
    }

    /** Like {@link #text} but {@code null} stays {@code null}. */
    public static String optionalText(String field, String value, int max) {
        return value == null ? null : text(field, value, max);
    }

    /** Trimmed, lower case, and of the usual mailbox@domain.tld shape. */
    public static String email(String value) {
        String normalized = text("email", value, 254).toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(normalized).matches() || normalized.indexOf('@') > 64) {
            throw new InvalidInputException("email", "is not a valid email address"); // never quoted: personal data
        }
        return normalized;
    }

    public static String language(String value) {
        String tag = text("language", value, 35);
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            if (locale.getLanguage().isEmpty()) {
                throw new InvalidInputException("language", "is not a BCP 47 language tag: " + quote(tag));
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            throw new InvalidInputException("language", "is not a BCP 47 language tag: " + quote(tag));
        }
    }

    public static String role(String value) {
        String role = text("role", value, 64).toLowerCase(Locale.ROOT);
        if (!ROLE.matcher(role).matches()) {
            throw new InvalidInputException("role", "must be a letter then letters, digits, '_', '.' or '-': " + quote(role));
        }
        return role;
    }

    public static String provider(String value) {
        String provider = text("provider", value, 64).toLowerCase(Locale.ROOT);
        if (!PROVIDER.matcher(provider).matches()) {
            throw new InvalidInputException("provider", "must be letters, digits, '_', '.' or '-': " + quote(provider));
        }
        return provider;
    }

    /** A collection without null elements (a {@code Set.contains(null)} may itself throw, so it is iterated). */
    public static <C extends java.util.Collection<?>> C elements(String field, C values) {
        notNull(field, values);
        for (Object value : values) {
            if (value == null) {
                throw new InvalidInputException(field, "must not contain null");
            }
        }
        return values;
    }

    public static long positive(String field, long amount) {
        if (amount <= 0) {
            throw new InvalidInputException(field, "must be positive, was " + amount);
        }
        return amount;
    }
}
