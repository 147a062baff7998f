package dev.genstore.accounts;

import dev.genstore.errors.ConflictException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.util.Optional;

/**
 * Users, their roles and external identities. Every method runs in one transaction (or joins the caller's
 * {@code Genstore.transaction}); bad input throws {@link InvalidInputException} before anything is written.
 */
public interface Accounts {

    /**
     * Creates a user and its token account.
     *
     * @throws ConflictException     when another user has the same normalized email
     * @throws InvalidInputException when the email is malformed, the language tag or a role name invalid
     */
    User create(NewUser user);

    /**
     * Returns the user linked to this identity, creating the user (with {@code profile}) and the link when there is
     * none. Concurrent calls for one identity create exactly one user.
     *
     * @throws ConflictException when no user has the identity but another user already has the profile's email
     *                           (link it explicitly with {@link #linkIdentity})
     */
    User findOrCreate(ExternalIdentity identity, NewUser profile);

    /** The user with this id, if any. */
    Optional<User> find(UserId id);

    /**
     * The user with this id.
     *
     * @throws NotFoundException when there is none
     */
    User get(UserId id);

    /** The user with this email (normalized before the lookup), if any. */
    Optional<User> findByEmail(String email);

    /** The user linked to this external identity, if any. */
    Optional<User> findByIdentity(ExternalIdentity identity);

    /**
     * Applies the non-null fields of {@code update}. When they change nothing, the user is returned as it is, its
     * {@code updatedAt} included.
     *
     * @throws NotFoundException when the user does not exist
     * @throws ConflictException when the new email belongs to another user
     */
    User update(UserId id, UserUpdate update);

    /**
     * Adds a role (no change when the user already has it). Role names are case-insensitive: the name is stored in
     * lower case, so {@code addRole(id, "ADMIN")} gives the role {@code "admin"} and {@link User#hasRole}
     * {@code ("ADMIN")} is true.
     *
     * @throws InvalidInputException when the name is not a letter then up to 63 letters, digits, {@code _ . -}
     * @throws NotFoundException for an unknown user
     */
    User addRole(UserId id, String role);

    /**
     * Removes a role, whatever the case it is named in (no change when the user lacks it).
     *
     * @throws InvalidInputException when the name is not a valid role name
     * @throws NotFoundException for an unknown user
     */
    User removeRole(UserId id, String role);

    /**
     * Links an external identity to an existing user (no change when already linked to this user).
     *
     * @throws ConflictException when the identity is linked to another user
     */
    User linkIdentity(UserId id, ExternalIdentity identity);

    /**
     * Deletes the user and everything the user owns (token account, ledger entries, holds, codes issued to the
     * user's email, jobs, images with their variants). The blobs of the user's images go too: in the same transaction
     * when blobs live in the database, otherwise once the deletion has committed.
     *
     * @throws NotFoundException when the user does not exist
     */
    void delete(UserId id);

    /** All users, oldest first, in keyset pages. */
    Page<User> list(PageRequest page);
}
