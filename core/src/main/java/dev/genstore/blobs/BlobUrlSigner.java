package dev.genstore.blobs;

import dev.genstore.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks expiring links to blobs, for applications that serve blobs over HTTP: the token is
 * {@code {expiry in epoch seconds}.{HMAC-SHA-256 of key and expiry, base64url}}. {@link #verify} refuses a token made
 * for another key, with another expiry, with another secret, or past its expiry, and compares signatures in constant
 * time. The secret never appears in {@code toString()}.
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
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec secret;

    private BlobUrlSigner(byte[] secret) {
        this.secret = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * A signer with this secret (copied). Keep the secret out of source code and logs.
     *
     * @throws InvalidInputException when it is null or shorter than {@value #MIN_SECRET_BYTES} bytes
     */
    public static BlobUrlSigner withSecret(byte[] secret) {
        if (secret == null || secret.length < MIN_SECRET_BYTES) {
            throw new InvalidInputException("secret", "must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return new BlobUrlSigner(Arrays.copyOf(secret, secret.length));
    }

    /**
     * A token that {@link #verify} accepts for {@code key} until {@code expiresAt} (to the second, exclusive).
     *
     * @throws InvalidInputException when the key is not valid or the expiry is null
     */
    public String sign(String key, Instant expiresAt) {
        BlobKeys.requireValid(key);
        if (expiresAt == null) {
            throw new InvalidInputException("expiresAt", "must not be null");
        }
        long expiry = expiresAt.getEpochSecond();
        return expiry + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(key, expiry));
    }

    /**
     * {@code baseUrl/key?token=…}: a link to the blob that {@link #verify} accepts until {@code expiresAt}. Valid keys
     * need no escaping in a URL path.
     */
    public String signedUrl(String baseUrl, String key, Instant expiresAt) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new InvalidInputException("baseUrl", "must not be blank");
        }
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
        try {
            expiry = Long.parseLong(token.substring(0, dot));
            given = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (!token.substring(0, dot).equals(Long.toString(expiry))) {
            return false; // "+5", "007": another spelling of the number would sign the same bytes
        }
        boolean authentic = MessageDigest.isEqual(mac(key, expiry), given);
        return authentic & now.getEpochSecond() < expiry;
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
