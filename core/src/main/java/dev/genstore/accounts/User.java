package dev.genstore.accounts;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stored user.
 *
 * @param id          the user's id
 * @param email       normalized email (trimmed, lower case), unique across users
 * @param displayName the name to show, or {@code null}
 * @param givenName   the given (first) name, or {@code null}
 * @param familyName  the family (last) name, or {@code null}
 * @param language    a BCP 47 language tag
 * @param roles       role names in lower case, sorted: role names are case-insensitive ({@code "ADMIN"},
 *                    {@code "Admin"} and {@code "admin"} are one role), and genstore stores and lists them in lower case
 * @param identities  external identities linked to this user, sorted by provider then subject
 * @param createdAt   when the user was created
 * @param updatedAt   when the user was last changed
 */
public record User(UserId id, String email, String displayName, String givenName, String familyName, String language,
                   Set<String> roles, List<ExternalIdentity> identities, Instant createdAt, Instant updatedAt) {
    public User {
        TreeSet<String> lowerCase = new TreeSet<>();
        for (String role : roles) {
            lowerCase.add(role.toLowerCase(Locale.ROOT));
        }
        roles = Collections.unmodifiableSortedSet(lowerCase);
        identities = List.copyOf(identities);
    }

    /** A user without given and family names (the fields this record had before they were added). */
    public User(UserId id, String email, String displayName, String language, Set<String> roles,
                List<ExternalIdentity> identities, Instant createdAt, Instant updatedAt) {
        this(id, email, displayName, null, null, language, roles, identities, createdAt, updatedAt);
    }

    /** The display name, when one was set. */
    public Optional<String> optionalDisplayName() {
        return Optional.ofNullable(displayName);
    }

    /**
     * True when the user has this role, compared without regard to case (as {@link Accounts#addRole} and
     * {@link Accounts#removeRole} do): {@code hasRole("ADMIN")} is true after {@code addRole(id, "admin")} and the other
     * way round. False for {@code null}.
     */
    public boolean hasRole(String role) {
        return role != null && roles.contains(role.toLowerCase(Locale.ROOT));
    }
}
