package dev.genstore.accounts;

import dev.genstore.errors.InvalidInputException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What it takes to create a user. Start from {@link #withEmail(String)}; the rest has defaults.
 *
 * @param email       required; stored normalized (trimmed, lower case) and unique after normalization
 * @param displayName optional name to show, or {@code null}
 * @param givenName   optional given (first) name, or {@code null}; at most 100 characters, stored trimmed
 * @param familyName  optional family (last) name, or {@code null}; at most 100 characters, stored trimmed
 * @param language    a BCP 47 language tag, {@code "en"} by default
 * @param roles       role names (a letter, then letters, digits, {@code _ . -}), none by default; case-insensitive,
 *                    stored in lower case ({@code "ADMIN"} becomes {@code "admin"})
 * @param plan        the token account's plan, {@code "free"} by default
 */
public record NewUser(String email, String displayName, String givenName, String familyName, String language,
                      Set<String> roles, String plan) {
    /** The language a user gets when none is given. */
    public static final String DEFAULT_LANGUAGE = "en";
    /** The plan a token account gets when none is given. */
    public static final String DEFAULT_PLAN = "free";

    /**
     * Copies {@code roles} ({@code null} means none).
     *
     * @throws InvalidInputException when {@code roles} contains {@code null}
     */
    public NewUser {
        if (roles == null) {
            roles = Set.of();
        } else {
            for (String role : roles) {
                if (role == null) {
                    throw new InvalidInputException("role", "must not be null");
                }
            }
            roles = Set.copyOf(roles);
        }
    }

    /** A new user without given and family names (the fields this record had before they were added). */
    public NewUser(String email, String displayName, String language, Set<String> roles, String plan) {
        this(email, displayName, null, null, language, roles, plan);
    }

    /** A new user with this email and every other field at its default. */
    public static NewUser withEmail(String email) {
        return new NewUser(email, null, null, null, DEFAULT_LANGUAGE, Set.of(), DEFAULT_PLAN);
    }

    /** This user with a display name. */
    public NewUser displayName(String name) {
        return new NewUser(email, name, givenName, familyName, language, roles, plan);
    }

    /** This user with a given (first) name. */
    public NewUser givenName(String name) {
        return new NewUser(email, displayName, name, familyName, language, roles, plan);
    }

    /** This user with a family (last) name. */
    public NewUser familyName(String name) {
        return new NewUser(email, displayName, givenName, name, language, roles, plan);
    }

    /** This user with a language tag such as {@code "pt-BR"}. */
    public NewUser language(String tag) {
        return new NewUser(email, displayName, givenName, familyName, tag, roles, plan);
    }

    /** This user with these roles (a name given twice, in any case, counts once). */
    public NewUser roles(String... names) {
        return new NewUser(email, displayName, givenName, familyName, language,
                names == null ? null : new HashSet<>(Arrays.asList(names)), plan);
    }

    /** This user with a token account on this plan. */
    public NewUser plan(String planName) {
        return new NewUser(email, displayName, givenName, familyName, language, roles, planName);
    }
}
