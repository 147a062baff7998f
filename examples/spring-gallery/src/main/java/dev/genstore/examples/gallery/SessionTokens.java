package dev.genstore.examples.gallery;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens for signed-in users: {@code {user id}.{expiry, epoch seconds}.{HMAC-SHA-256, base64url}}. Stateless, so
 * the server keeps no sessions; the user id inside is trusted only because the signature covers it. A token cannot be
 * revoked before it expires: keep {@code gallery.session-lifetime} short, or keep a deny list, in a real service.
 */
@Component
public class SessionTokens {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec secret;
    private final Clock clock;
    private final Duration lifetime;

    /** A signed token issued at sign-in, and when it stops working. */
    public record Issued(String token, Instant expiresAt) {
    }

    public SessionTokens(GalleryProperties properties, Genstore genstore) {
        this.secret = new SecretKeySpec(secretBytes(properties.sessionSecret()), "HmacSHA256");
        this.clock = genstore.clock(); // the store's clock: a test that moves it moves token expiry too
        this.lifetime = properties.sessionLifetime();
    }

    private static byte[] secretBytes(String configured) {
        if (configured == null || configured.isEmpty()) {
            byte[] random = new byte[MIN_SECRET_BYTES];
            new SecureRandom().nextBytes(random);
            return random;
        }
        byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("gallery.session-secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        return bytes;
    }

    /** A token for {@code user}, valid for the configured lifetime. */
    public Issued issue(UserId user) {
        Instant expiresAt = clock.instant().plus(lifetime);
        String payload = user + "." + expiresAt.getEpochSecond();
        return new Issued(payload + "." + ENCODER.encodeToString(mac(payload)), expiresAt);
    }

    /** The user a token was issued to, when it is authentic and unexpired; empty for anything else. */
    public Optional<UserId> verify(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int last = token.lastIndexOf('.');
        int first = token.indexOf('.');
        if (first < 1 || last == first) {
            return Optional.empty();
        }
        String payload = token.substring(0, last);
        byte[] expected = ENCODER.encode(mac(payload));
        if (!MessageDigest.isEqual(expected, token.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            long expiry = Long.parseLong(payload.substring(first + 1));
            if (clock.instant().getEpochSecond() >= expiry) {
                return Optional.empty();
            }
            return Optional.of(UserId.parse(payload.substring(0, first)));
        } catch (NumberFormatException | InvalidInputException e) {
            return Optional.empty(); // signed by us, so not expected; refused all the same
        }
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is not available", e);
        }
    }
}
