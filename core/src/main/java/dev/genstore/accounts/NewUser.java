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
 * @param language    a BCP 47 language tag, {@code "en"} by default
 * @param roles       role names (lower case letters, digits, {@code _ . -}), none by default
 * @param plan        the token account's plan, {@code "free"} by default
 */
public record NewUser(String email, String displayName, String language, Set<String> roles, String plan) {
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

    /** A new user with this email and every other field at its default. */
    public static NewUser withEmail(String email) {
        return new NewUser(email, null, DEFAULT_LANGUAGE, Set.of(), DEFAULT_PLAN);
    }

    /** This user with a display name. */
    public NewUser displayName(String name) {
        return new NewUser(email, name, language, roles, plan);
    }

    /** This user with a language tag such as {@code "pt-BR"}. */
    public NewUser language(String tag) {
        return new NewUser(email, displayName, tag, roles, plan);
    }

    /** This user with these roles (a name given twice counts once). */
    public NewUser roles(String... names) {
        return new NewUser(email, displayName, language, names == null ? null : new HashSet<>(Arrays.asList(names)), plan);
    }

    /** This user with a token account on this plan. */
    public NewUser plan(String planName) {
        return new NewUser(email, displayName, language, roles, planName);
    }
}
