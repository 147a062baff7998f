package dev.genstore.accounts;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A stored user.
 *
 * @param id          the user's id
 * @param email       normalized email (trimmed, lower case), unique across users
 * @param displayName the name to show, or {@code null}
 * @param language    a BCP 47 language tag
 * @param roles       role names, sorted
 * @param identities  external identities linked to this user, sorted by provider then subject
 * @param createdAt   when the user was created
 * @param updatedAt   when the user was last changed
 */
public record User(UserId id, String email, String displayName, String language, Set<String> roles,
                   List<ExternalIdentity> identities, Instant createdAt, Instant updatedAt) {
    public User {
        roles = Collections.unmodifiableSortedSet(new TreeSet<>(roles));
        identities = List.copyOf(identities);
    }

    /** The display name, when one was set. */
    public Optional<String> optionalDisplayName() {
        return Optional.ofNullable(displayName);
    }

    /** True when the user has this role. */
    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
