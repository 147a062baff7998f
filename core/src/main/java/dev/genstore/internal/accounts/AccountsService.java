package dev.genstore.internal.accounts;

import dev.genstore.accounts.Accounts;
import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.accounts.UserUpdate;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.internal.Cursors;
import dev.genstore.internal.Pages;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.internal.images.ImagesService;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.AccountRow;
import dev.genstore.spi.Repositories;
import dev.genstore.spi.UserRepository;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The rules for users: validation, normalization, uniqueness, and opening each user's token account. */
public final class AccountsService implements Accounts {
    private static final String LISTING = "users";
    private final ServiceContext context;
    private final ImagesService images;

    public AccountsService(ServiceContext context, ImagesService images) {
        this.context = context;
        this.images = images;
    }

    /** The longest given or family name kept. */
    private static final int MAX_NAME = 100;

    private record ValidUser(String email, String displayName, String givenName, String familyName, String language,
                             Set<String> roles, String plan) {
    }

    private static ValidUser validate(NewUser user) {
        Validate.notNull("user", user);
        Set<String> roles = new TreeSet<>();
        for (String role : user.roles()) {
            roles.add(Validate.role(role));
        }
        return new ValidUser(
                Validate.email(user.email()),
                Validate.optionalText("displayName", user.displayName(), 200),
                Validate.optionalText("givenName", user.givenName(), MAX_NAME),
                Validate.optionalText("familyName", user.familyName(), MAX_NAME),
                Validate.language(user.language()),
                roles,
                Validate.text("plan", user.plan(), 64));
    }

    private static ExternalIdentity validate(ExternalIdentity identity) {
        Validate.notNull("identity", identity);
        return new ExternalIdentity(Validate.provider(identity.provider()), Validate.text("subject", identity.subject(), 255));
    }

    @Override
    public User create(NewUser newUser) {
        ValidUser user = validate(newUser);
        return context.storage().write(r -> insert(r, user, List.of()));
    }

    @Override
    public User findOrCreate(ExternalIdentity identity, NewUser profile) {
        ExternalIdentity valid = validate(identity);
        ValidUser user = validate(profile);
        Optional<User> existing = context.storage().read(r -> r.users().findByIdentity(valid));
        if (existing.isPresent()) {
            return existing.get();
        }
        // Checked again under the write transaction: a concurrent creator either committed (found here) or will
        // collide on the identity's unique key, which the storage retries, finding it then.
        return context.storage().write(r -> r.users().findByIdentity(valid)
                .orElseGet(() -> insert(r, user, List.of(valid))));
    }

    private static ConflictException emailTaken() {
        return new ConflictException("a user with this email already exists");
    }

    private User insert(Repositories r, ValidUser valid, List<ExternalIdentity> identities) {
        if (r.users().findByEmail(valid.email()).isPresent()) {
            // A concurrent findOrCreate of the same identity may have committed its user, with this email, since the
            // identity was looked up: that user is the answer then, not a conflict.
            for (ExternalIdentity identity : identities) {
                Optional<User> owner = r.users().findByIdentity(identity);
                if (owner.isPresent()) {
                    return owner.get();
                }
            }
            throw emailTaken();
        }
        Instant now = context.now();
        UserId id = UserId.of(context.newId());
        User user = new User(id, valid.email(), valid.displayName(), valid.givenName(), valid.familyName(),
                valid.language(), valid.roles(), identities, now, now);
        r.users().insert(user);
        r.ledger().insertAccount(new AccountRow(id, valid.plan(), 0, 0, 0, now, now));
        return user;
    }

    @Override
    public Optional<User> find(UserId id) {
        Validate.notNull("userId", id);
        return context.storage().read(r -> r.users().find(id));
    }

    @Override
    public User get(UserId id) {
        return find(id).orElseThrow(() -> new NotFoundException("user", id));
    }

    @Override
    public Optional<User> findByEmail(String email) {
        String normalized = Validate.email(email);
        return context.storage().read(r -> r.users().findByEmail(normalized));
    }

    @Override
    public Optional<User> findByIdentity(ExternalIdentity identity) {
        ExternalIdentity valid = validate(identity);
        return context.storage().read(r -> r.users().findByIdentity(valid));
    }

    @Override
    public User update(UserId id, UserUpdate update) {
        Validate.notNull("userId", id);
        Validate.notNull("update", update);
        String email = update.email() == null ? null : Validate.email(update.email());
        String displayName = Validate.optionalText("displayName", update.displayName(), 200);
        String givenName = Validate.optionalText("givenName", update.givenName(), MAX_NAME);
        String familyName = Validate.optionalText("familyName", update.familyName(), MAX_NAME);
        String language = update.language() == null ? null : Validate.language(update.language());
        return context.storage().write(r -> {
            UserRepository users = r.users();
            User current = existing(users, id);
            if (email != null && !email.equals(current.email())) {
                users.findByEmail(email).ifPresent(other -> {
                    throw emailTaken();
                });
            }
            String newEmail = email != null ? email : current.email();
            String newDisplayName = displayName != null ? displayName : current.displayName();
            String newGivenName = givenName != null ? givenName : current.givenName();
            String newFamilyName = familyName != null ? familyName : current.familyName();
            String newLanguage = language != null ? language : current.language();
            if (newEmail.equals(current.email()) && Objects.equals(newDisplayName, current.displayName())
                    && Objects.equals(newGivenName, current.givenName())
                    && Objects.equals(newFamilyName, current.familyName()) && newLanguage.equals(current.language())) {
                return current; // nothing changes, so neither does updatedAt
            }
            users.updateProfile(id, new UserRepository.Profile(newEmail, newDisplayName, newGivenName, newFamilyName,
                    newLanguage), context.now());
            return existing(users, id);
        });
    }

    @Override
    public User addRole(UserId id, String role) {
        Validate.notNull("userId", id);
        String valid = Validate.role(role);
        return context.storage().write(r -> {
            User current = existing(r.users(), id);
            if (current.hasRole(valid)) {
                return current;
            }
            r.users().addRole(id, valid, context.now());
            return existing(r.users(), id);
        });
    }

    @Override
    public User removeRole(UserId id, String role) {
        Validate.notNull("userId", id);
        String valid = Validate.role(role);
        return context.storage().write(r -> {
            User current = existing(r.users(), id);
            if (!current.hasRole(valid)) {
                return current;
            }
            r.users().removeRole(id, valid, context.now());
            return existing(r.users(), id);
        });
    }

    @Override
    public User linkIdentity(UserId id, ExternalIdentity identity) {
        Validate.notNull("userId", id);
        ExternalIdentity valid = validate(identity);
        return context.storage().write(r -> {
            User current = existing(r.users(), id);
            Optional<User> owner = r.users().findByIdentity(valid);
            if (owner.isPresent()) {
                if (owner.get().id().equals(id)) {
                    return current;
                }
                throw new ConflictException("identity " + valid.provider() + " is linked to another user");
            }
            r.users().addIdentity(id, valid, context.now());
            return existing(r.users(), id);
        });
    }

    @Override
    public void delete(UserId id) {
        Validate.notNull("userId", id);
        context.storage().write(r -> {
            User user = existing(r.users(), id);
            r.otp().deleteByEmail(user.email());
            images.removeOwnerBlobs(r, id); // before the rows that name the blobs cascade away
            return r.users().delete(id);
        });
    }

    @Override
    public Page<User> list(PageRequest page) {
        Validate.notNull("page", page);
        UserId after = page.after() == null ? null : UserId.of(Cursors.decodeUuid(LISTING, page.after()));
        List<User> rows = context.storage().read(r -> r.users().listAfter(after, page.size() + 1));
        return Pages.of(rows, page.size(), user -> Cursors.encode(LISTING, user.id()));
    }

    static User existing(UserRepository users, UserId id) {
        return users.find(id).orElseThrow(() -> new NotFoundException("user", id));
    }
}
