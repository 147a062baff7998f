package dev.genstore.prompts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How prompt text is made comparable: Unicode NFKC, case folding (upper- then lower-casing, so {@code ß} and
 * {@code SS} agree), every run of whitespace collapsed to one space, trimmed. Two spellings are one prompt exactly when
 * their normalized texts are equal; the SHA-256 of the normalized text is the prompt's identity.
 */
public final class PromptNormalizer {
    private static final Pattern WHITESPACE = Pattern.compile("[\\s\\p{Z}\\u200B\\uFEFF]+", Pattern.UNICODE_CHARACTER_CLASS);

    private PromptNormalizer() {
    }

    /** The normalized form of {@code text}. */
    public static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
        folded = Normalizer.normalize(folded, Normalizer.Form.NFKC);
        return WHITESPACE.matcher(folded).replaceAll(" ").strip();
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code normalized}. */
    public static String hash(String normalized) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
