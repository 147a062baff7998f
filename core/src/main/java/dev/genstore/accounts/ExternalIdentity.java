package dev.genstore.accounts;

/**
 * A user's identity at an external provider, e.g. {@code ("google", "1098…")}. The provider is compared
 * case-insensitively (stored lower case); the subject exactly.
 *
 * @param provider the identity provider's name, e.g. {@code google}
 * @param subject  the provider's stable id of the user (OpenID Connect's {@code sub})
 */
public record ExternalIdentity(String provider, String subject) {
    /** Shorthand for the constructor. */
    public static ExternalIdentity of(String provider, String subject) {
        return new ExternalIdentity(provider, subject);
    }
}
