package dev.genstore.console.internal;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operator sessions of one console: a session is made only by presenting the operator token, and carries the
 * CSRF token its forms must send back. Sessions live in memory (a restart signs everyone out) and are capped, so a
 * flood of sign-ins cannot grow the map without bound.
 */
final class Sessions {
    private static final int MAX_SESSIONS = 1_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String operatorToken;
    private final Map<String, String> csrfBySession = new ConcurrentHashMap<>();

    Sessions(String operatorToken) {
        this.operatorToken = operatorToken;
    }

    /** A random token of 32 bytes, URL-safe. */
    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A new session id when {@code token} is the operator token, else empty. */
    Optional<String> signIn(String token) {
        if (token == null || !equal(token, operatorToken)) {
            return Optional.empty();
        }
        if (csrfBySession.size() >= MAX_SESSIONS) {
            csrfBySession.clear();
        }
        String session = randomToken();
        csrfBySession.put(session, randomToken());
        return Optional.of(session);
    }

    /** The CSRF token of a live session. */
    Optional<String> csrf(String session) {
        return session == null ? Optional.empty() : Optional.ofNullable(csrfBySession.get(session));
    }

    /** True when the session is live and {@code csrf} is its token. */
    boolean allows(String session, String csrf) {
        return csrf != null && csrf(session).map(expected -> equal(expected, csrf)).orElse(false);
    }

    void signOut(String session) {
        if (session != null) {
            csrfBySession.remove(session);
        }
    }

    /** Compares in time independent of where the strings differ. */
    static boolean equal(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
