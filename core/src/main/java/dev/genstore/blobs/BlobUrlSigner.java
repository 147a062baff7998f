package dev.genstore.blobs;

import dev.genstore.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks expiring links to blobs, for applications that serve blobs over HTTP: the token is
 * {@code {expiry in epoch seconds}.{HMAC-SHA-256 of key and expiry, base64url}}. {@link #verify} refuses a token made
 * for another key, with another expiry, with another secret, or past its expiry, and compares signatures in constant
 * time. Only the one canonical spelling of a token verifies (the expiry without sign or leading zeros, the signature
 * in unpadded base64url with its unused trailing bits zero), so a token cannot be altered into another that still
 * works. A link lives at most {@link #MAX_LIFETIME} (a link that never expires is refused), and only an
 * {@code http} or {@code https} base URL is accepted. The secret never appears in {@code toString()}.
 *
 * <pre>{@code
 * BlobUrlSigner signer = BlobUrlSigner.withSecret(secretBytes);
 * String url = signer.signedUrl("https://cdn.example.com/blobs", key, clock.instant().plusSeconds(600));
 * // later, serving GET /blobs/{key}?token=...
 * if (!signer.verify(key, token, clock.instant())) { respond(403); }
 * }</pre>
 */
public final class BlobUrlSigner {
    /** The shortest secret accepted, in bytes: as long as the hash. */
    public static final int MIN_SECRET_BYTES = 32;
    /** The longest a signed link may live: {@link #sign} refuses an expiry further from its clock's now. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);
    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec secret;
    private final Clock clock;

    private BlobUrlSigner(byte[] secret, Clock clock) {
        this.secret = new SecretKeySpec(secret, ALGORITHM);
        this.clock = clock;
    }

    /**
     * A signer with this secret (copied). Keep the secret out of source code and logs.
     *
     * @throws InvalidInputException when it is null or shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static BlobUrlSigner withSecret(byte[] secret) {
        return withSecret(secret, Clock.systemUTC());
    }

    /**
     * A signer with this secret (copied) whose {@link #sign} measures {@link #MAX_LIFETIME} from {@code clock}.
     *
     * @throws InvalidInputException when the secret is null or shorter than {@value #MIN_SECRET_BYTES} bytes, or the
     *                               clock is null
     */
    public static BlobUrlSigner withSecret(byte[] secret, Clock clock) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new InvalidInputException("secret", "must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (clock == null) {
            throw new InvalidInputException("clock", "must not be null");
        }
        return new BlobUrlSigner(Arrays.copyOf(secret, secret.length), clock);
    }

    /**
     * A token that {@link #verify} accepts for {@code key} until {@code expiresAt} (to the second, exclusive).
     *
     * @throws InvalidInputException when the key is not valid, or the expiry is null, before 1970 or more than
     *                               {@link #MAX_LIFETIME} after the clock's now
     */
    public String sign(String key, Instant expiresAt) {
        BlobKeys.requireValid(key);
        if (expiresAt == null) {
            throw new InvalidInputException("expiresAt", "must not be null");
        }
        if (expiresAt.isBefore(Instant.EPOCH) || expiresAt.isAfter(clock.instant().plus(MAX_LIFETIME))) {
            throw new InvalidInputException("expiresAt", "must be at most " + MAX_LIFETIME.toDays()
                    + " days from now (a link must expire), was " + expiresAt);
        }
        long expiry = expiresAt.getEpochSecond();
        return expiry + "." + ENCODER.encodeToString(mac(key, expiry));
    }

    /**
     * {@code baseUrl/key?token=…}: a link to the blob that {@link #verify} accepts until {@code expiresAt}. Valid keys
     * need no escaping in a URL path.
     *
     * @param baseUrl an absolute {@code http} or {@code https} URL with a host and without query or fragment
     * @throws InvalidInputException when the base URL is not such a URL (a {@code javascript:} or {@code data:} one
     *                               included), or as {@link #sign}
     */
    public String signedUrl(String baseUrl, String key, Instant expiresAt) {
        requireHttpUrl(baseUrl);
        String token = sign(key, expiresAt);
        return (baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + key + "?token=" + token;
    }

    /**
     * True when {@code token} was made by {@link #sign} with this secret for this key, and {@code now} is before its
     * expiry. A malformed, tampered or expired token, or a token for another key, gives false; so does a null argument.
     */
    public boolean verify(String key, String token, Instant now) {
        if (key == null || token == null || now == null) {
            return false;
        }
        try {
            BlobKeys.requireValid(key);
        } catch (InvalidInputException e) {
            return false;
        }
        int dot = token.indexOf('.');
        if (dot < 1 || dot > 20) {
            return false;
        }
        long expiry;
        byte[] given;
        String signature = token.substring(dot + 1);
        try {
            expiry = Long.parseLong(token.substring(0, dot));
            given = Base64.getUrlDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!token.substring(0, dot).equals(Long.toString(expiry))) {
            return false; // "+5", "007": another spelling of the number would sign the same bytes
        }
        if (given.length != SIGNATURE_BYTES || !ENCODER.encodeToString(given).equals(signature)) {
            return false; // "=" appended, or other unused trailing bits: another spelling of the same signature
        }
        boolean authentic = MessageDigest.isEqual(mac(key, expiry), given);
        return authentic & now.getEpochSecond() < expiry;
    }

    private static void requireHttpUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new InvalidInputException("baseUrl", "must not be blank");
        }
        URI uri;
        try {
            uri = new URI(baseUrl);
        } catch (URISyntaxException e) {
            throw new InvalidInputException("baseUrl", "is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("baseUrl", "must be an http or https URL");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidInputException("baseUrl", "must name a host and have no query or fragment");
        }
    }

    private byte[] mac(String key, long expiry) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(secret);
            return mac.doFinal((key + "\n" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "BlobUrlSigner[HMAC-SHA-256]";
    }
}
