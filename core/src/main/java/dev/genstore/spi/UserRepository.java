package dev.genstore.spi;

import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Storage of users. Values arrive validated and normalized; a unique clash (email, identity) that a concurrent
 * transaction caused is reported as a retryable {@link dev.genstore.errors.StorageException}.
 */
public interface UserRepository {
    /** Inserts the user with its roles and identities. */
    void insert(User user);

    /** The user with its roles and identities. */
    Optional<User> find(UserId id);

    /** Which of these users (at most 1,000) exist: one query, without their roles and identities. */
    Set<UserId> existing(Collection<UserId> ids);

    /** The user with this (already normalized) email. */
    Optional<User> findByEmail(String normalizedEmail);

    /** The user linked to this (already normalized) identity. */
    Optional<User> findByIdentity(ExternalIdentity identity);

    /** The profile columns of a user, validated; the names may be {@code null}. */
    record Profile(String email, String displayName, String givenName, String familyName, String language) {
    }

    /** Overwrites the profile columns and {@code updated_at}. */
    void updateProfile(UserId id, Profile profile, Instant updatedAt);

    /** Adds a role the user does not have yet and touches {@code updated_at}. */
    void addRole(UserId id, String role, Instant updatedAt);

    /** Removes a role and touches {@code updated_at}. */
    void removeRole(UserId id, String role, Instant updatedAt);

    /** Links an identity no user has yet and touches {@code updated_at}. */
    void addIdentity(UserId id, ExternalIdentity identity, Instant updatedAt);

    /** Deletes the user and, by cascade, everything that references it. Returns false when there was no such user. */
    boolean delete(UserId id);

    /** Users with an id greater than {@code after} (all when null), ascending, at most {@code limit}. */
    List<User> listAfter(UserId after, int limit);
}
