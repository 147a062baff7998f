package dev.genstore.blobs;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Blob keys: what a valid key is, and the key scheme {@code {prefix}/{userId}/{timestamp}-{sanitized-file-name}}
 * (the timestamp in milliseconds since the epoch), as in
 * {@code images/0191e3a4-…/1735689200000-landscape-photo.jpg}.
 *
 * <p>A valid key is 1 to {@value #MAX_KEY_LENGTH} ASCII characters: segments of letters, digits, {@code .}, {@code _}
 * and {@code -}, joined by {@code /}; no segment is empty, starts with a dot (so neither {@code .} nor {@code ..}
 * nor a hidden file), ends with a dot, is longer than {@value #MAX_SEGMENT_LENGTH} characters or is a name Windows
 * reserves ({@code CON}, {@code NUL}, {@code COM1}, …). Such a key maps to a path inside any directory on any
 * common filesystem, and into a URL without escaping.
 *
 * <p><b>Which blobs are genstore's.</b> Every key genstore writes starts with {@value #GENSTORE_ROOT}: images and
 * their variants ({@code genstore/images/{userId}/…}, the segment after the root being
 * {@code ImagePolicy.keyPrefix()}), cache entries ({@code genstore/cache/…}) and prompt thumbnails
 * ({@code genstore/prompts/…}). An application may keep its own blobs in the same {@link BlobStore} under any other
 * key, {@code images/{userId}/…} made with {@link #of} included: genstore never lists, sweeps, reports, deletes,
 * exports or copies them. Its sweeps, {@code operations().verify()}'s orphan check and {@code operations().purge}
 * look only under {@value #GENSTORE_ROOT}; deleting a user or an image deletes only the keys genstore's rows name and
 * what lies under the user's prefix inside the root. Keys that rows written by earlier genstore versions name
 * (under {@code images/}, {@code cache/}, {@code prompts/}) are still read, checked for presence, exported and deleted
 * with their rows, but a blob left there without a row is no longer found or removed: genstore cannot tell it from
 * the application's own. Applications must not write under {@value #GENSTORE_ROOT}.
 */
public final class BlobKeys {
    /** The longest key accepted. */
    public static final int MAX_KEY_LENGTH = 1024;
    /** The longest segment (between slashes) accepted. */
    public static final int MAX_SEGMENT_LENGTH = 255;
    /** The longest file name {@link #sanitizeFileName} returns. */
    public static final int MAX_FILE_NAME_LENGTH = 120;

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern CONTENT_TYPE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]*(\\s*;[ -~]*)?");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._/-]*");
    private static final Pattern UNSAFE = Pattern.compile("[^a-z0-9._-]+");
    private static final Pattern DOTS = Pattern.compile("\\.{2,}");
    private static final Pattern DASHES = Pattern.compile("-{2,}");
    private static final Pattern EDGES = Pattern.compile("^[._-]+|[._-]+$");
    private static final Set<String> WINDOWS_RESERVED = Set.of("con", "prn", "aux", "nul",
            "com0", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9",
            "lpt0", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9");
    private static final String CURSOR_TAG = "blobs:";

    /** The first segment, with its slash, of every key genstore writes; see the class description. */
    public static final String GENSTORE_ROOT = "genstore/";

    private BlobKeys() {
    }

    /**
     * The key {@code {prefix}/{userId}/{timestamp}-{sanitized-file-name}}.
     *
     * @param prefix   one or more valid segments, e.g. {@code images}
     * @param owner    the user the blob belongs to
     * @param at       the timestamp, written in milliseconds since the epoch
     * @param fileName any file name; it is passed through {@link #sanitizeFileName}
     * @throws InvalidInputException when an argument is null or the prefix is not valid
     */
    public static String of(String prefix, UserId owner, Instant at, String fileName) {
        requirePrefixSegments(prefix);
        if (owner == null) {
            throw new InvalidInputException("owner", "must not be null");
        }
        if (at == null) {
            throw new InvalidInputException("at", "must not be null");
        }
        return requireValid(prefix + "/" + owner + "/" + at.toEpochMilli() + "-" + sanitizeFileName(fileName));
    }

    /**
     * True when {@code key} lies under {@value #GENSTORE_ROOT}, the part of a blob store genstore owns; false for null
     * and for every other key, which genstore leaves to the application.
     */
    public static boolean isGenstoreKey(String key) {
        return key != null && key.startsWith(GENSTORE_ROOT);
    }

    /** The prefix under which {@link #of} puts every key of {@code owner}: {@code {prefix}/{userId}/}. */
    public static String ownerPrefix(String prefix, UserId owner) {
        requirePrefixSegments(prefix);
        if (owner == null) {
            throw new InvalidInputException("owner", "must not be null");
        }
        return prefix + "/" + owner + "/";
    }

    /** The timestamp of a key made by {@link #of}, or empty when the key does not follow the scheme. */
    public static Optional<Instant> timestampOf(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String name = key.substring(key.lastIndexOf('/') + 1);
        int dash = name.indexOf('-');
        if (dash < 1 || dash > 19) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(name.substring(0, dash))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A file name that is safe as the last segment of a key, whatever {@code name} holds: Unicode is folded to ASCII
     * where it has an equivalent and replaced by {@code -} where not; path separators, control characters, spaces and
     * any other character outside {@code [a-z0-9._-]} become {@code -}; runs of dots collapse to one (so {@code ..}
     * cannot survive) and leading or trailing dots and dashes go; letters are lower case; a name Windows reserves
     * gets a leading {@code _}; the result keeps its extension and is at most {@value #MAX_FILE_NAME_LENGTH}
     * characters. An empty result (or a null name) becomes {@code file}.
     */
    public static String sanitizeFileName(String name) {
        if (name == null) {
            return "file";
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        String safe = UNSAFE.matcher(folded.toLowerCase(Locale.ROOT)).replaceAll("-");
        String before;
        do { // until nothing changes: each rule can make work for another ("a.-.b" → "a..b" → "a.b")
            before = safe;
            safe = DOTS.matcher(safe).replaceAll(".");
            safe = DASHES.matcher(safe).replaceAll("-");
            safe = EDGES.matcher(safe).replaceAll("");
            safe = safe.replace("-.", ".").replace(".-", "-");
        } while (!safe.equals(before));
        if (safe.isEmpty()) {
            return "file";
        }
        if (safe.length() > MAX_FILE_NAME_LENGTH) {
            int dot = safe.lastIndexOf('.');
            String extension = dot > 0 && safe.length() - dot <= 11 ? safe.substring(dot) : "";
            String base = EDGES.matcher(safe.substring(0, MAX_FILE_NAME_LENGTH - extension.length())).replaceAll("");
            safe = (base.isEmpty() ? "file" : base) + extension;
        }
        if (isWindowsReserved(safe)) {
            safe = "_" + safe;
        }
        return safe;
    }

    /**
     * Returns {@code key} when it is a valid key (see the class description).
     *
     * @throws InvalidInputException naming {@code key} when it is not
     */
    public static String requireValid(String key) {
        if (key == null) {
            throw new InvalidInputException("key", "must not be null");
        }
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new InvalidInputException("key", "must be 1 to " + MAX_KEY_LENGTH + " characters long, was " + key.length());
        }
        for (String segment : key.split("/", -1)) {
            String problem = segmentProblem(segment);
            if (problem != null) {
                throw new InvalidInputException("key", problem + ": " + printable(key));
            }
        }
        return key;
    }

    /**
     * Returns {@code prefix} when it can start a valid key: characters a key may hold, at most
     * {@value #MAX_KEY_LENGTH} of them, and no segment that could only be {@code .} or {@code ..}. May be empty.
     *
     * @throws InvalidInputException naming {@code prefix} when it cannot
     */
    public static String requireValidPrefix(String prefix) {
        if (prefix == null) {
            throw new InvalidInputException("prefix", "must not be null");
        }
        if (prefix.length() > MAX_KEY_LENGTH || !PREFIX.matcher(prefix).matches() || prefix.startsWith("/")
                || prefix.contains("//") || prefix.startsWith(".") || prefix.contains("/.")) {
            throw new InvalidInputException("prefix", "is not the start of a valid key: " + printable(prefix));
        }
        return prefix;
    }

    /**
     * Returns {@code contentType} when it is a media type such as {@code image/webp} or
     * {@code text/plain; charset=utf-8}: printable ASCII of the form {@code type/subtype}, at most 255 characters.
     *
     * @throws InvalidInputException naming {@code contentType} when it is not
     */
    public static String requireValidContentType(String contentType) {
        if (contentType == null) {
            throw new InvalidInputException("contentType", "must not be null");
        }
        if (contentType.length() > 255 || !CONTENT_TYPE.matcher(contentType).matches()) {
            throw new InvalidInputException("contentType", "is not a media type like image/png: " + printable(contentType));
        }
        return contentType;
    }

    private static void requirePrefixSegments(String prefix) {
        if (prefix == null) {
            throw new InvalidInputException("prefix", "must not be null");
        }
        for (String segment : prefix.split("/", -1)) {
            String problem = segmentProblem(segment);
            if (problem != null) {
                throw new InvalidInputException("prefix", problem + ": " + printable(prefix));
            }
        }
    }

    private static String segmentProblem(String segment) {
        if (segment.isEmpty()) {
            return "must not have an empty segment or a leading or trailing '/'";
        }
        if (segment.length() > MAX_SEGMENT_LENGTH) {
            return "must not have a segment longer than " + MAX_SEGMENT_LENGTH + " characters";
        }
        if (!SEGMENT.matcher(segment).matches()) {
            return "may hold only letters, digits, '.', '_', '-' and '/'";
        }
        if (segment.startsWith(".") || segment.endsWith(".")) {
            return "must not have a segment that starts or ends with '.'";
        }
        if (isWindowsReserved(segment)) {
            return "must not have a segment named like a Windows device";
        }
        return null;
    }

    private static boolean isWindowsReserved(String name) {
        int dot = name.indexOf('.');
        String base = (dot < 0 ? name : name.substring(0, dot)).toLowerCase(Locale.ROOT);
        return WINDOWS_RESERVED.contains(base);
    }

    /** The text with control characters shown as escapes and cut to a readable length, for messages. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < 200; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.length() < text.length() ? out + "…" : out.toString();
    }

    /**
     * The cursor of a blob listing whose last item was {@code key}: what every {@link BlobStore#list} hands out, so
     * that a cursor means the same to every store (a store outside this package uses it too).
     */
    public static String encodeCursor(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_TAG + key).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The key a cursor made by {@link #encodeCursor} continues after.
     *
     * @throws InvalidInputException naming {@code cursor} when it is not such a cursor
     */
    public static String decodeCursor(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_TAG)) {
                return requireValid(text.substring(CURSOR_TAG.length()));
            }
        } catch (IllegalArgumentException | InvalidInputException e) {
            // falls through to the error below
        }
        throw new InvalidInputException("cursor", "is not a cursor of a blob listing: " + cursor);
    }
}
