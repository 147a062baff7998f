package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.accounts.Accounts;
import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.accounts.UserUpdate;
import dev.genstore.auth.IssuedCode;
import dev.genstore.auth.OtpRejectedException;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Users: creation, normalization, uniqueness, roles, identities, updates, deletion, listing, bad input, races. */
public abstract class AccountsContract extends StoreContract {

    private static final ExternalIdentity GOOGLE = ExternalIdentity.of("google", "109876543210");

    private Accounts accounts() {
        return store.accounts();
    }

    // ---- create --------------------------------------------------------------------------------------------------

    @Test
    void createNormalizesTheEmailAndAppliesDefaults() {
        User ann = accounts().create(NewUser.withEmail("  Ann.Smith@Example.COM \t"));

        assertEquals("ann.smith@example.com", ann.email());
        assertNull(ann.displayName());
        assertEquals(Optional.empty(), ann.optionalDisplayName());
        assertEquals(NewUser.DEFAULT_LANGUAGE, ann.language());
        assertEquals(Set.of(), ann.roles());
        assertEquals(List.of(), ann.identities());
        assertEquals(now(), ann.createdAt());
        assertEquals(now(), ann.updatedAt());
        assertEquals(ann, accounts().get(ann.id()), "read back");
        assertEquals(Optional.of(ann), accounts().find(ann.id()));
        assertEquals(Optional.of(ann), accounts().findByEmail(" ANN.smith@EXAMPLE.com"));
    }

    @Test
    void createKeepsEveryProfileField() {
        User jose = accounts().create(NewUser.withEmail("jose@example.com").displayName("José da Silva 🎨")
                .language("pt-BR").roles("admin", "beta.tester", "team_lead-2").plan("pro"));

        assertEquals("José da Silva 🎨", jose.displayName());
        assertEquals(Optional.of("José da Silva 🎨"), jose.optionalDisplayName());
        assertEquals("pt-BR", jose.language());
        assertEquals(Set.of("admin", "beta.tester", "team_lead-2"), jose.roles());
        assertTrue(jose.hasRole("admin"));
        assertFalse(jose.hasRole("owner"));
        assertEquals(jose, accounts().get(jose.id()));
        assertEquals("pro", store.ledger().account(jose.id()).plan());
    }

    @Test
    void createOpensAnEmptyTokenAccount() {
        User ann = newUser("ann@example.com");
        TokenAccount account = store.ledger().account(ann.id());
        assertEquals(new TokenAccount(ann.id(), NewUser.DEFAULT_PLAN, 0, 0, now(), now()), account);
        assertEquals(List.of(), fullHistory(ann.id()));
    }

    @Test
    void rolesAreListedSorted() {
        User user = accounts().create(NewUser.withEmail("sorted@example.com").roles("zeta", "alpha", "mid", "beta"));
        assertEquals(List.of("alpha", "beta", "mid", "zeta"), new ArrayList<>(user.roles()));
        assertEquals(List.of("alpha", "beta", "mid", "zeta"), new ArrayList<>(accounts().get(user.id()).roles()));
    }

    @Test
    void duplicateRoleNamesCountOnce() {
        User user = accounts().create(NewUser.withEmail("dup@example.com").roles("admin", "admin", "Admin"));
        assertEquals(Set.of("admin"), user.roles());
        assertEquals(user, accounts().get(user.id()));
    }

    @Test
    void languageTagsAreValidatedAndCanonicalized() {
        assertEquals("pt-BR", accounts().create(NewUser.withEmail("a@example.com").language("pt-br")).language());
        assertEquals("zh-Hant-TW", accounts().create(NewUser.withEmail("b@example.com").language("zh-Hant-TW")).language());
        assertEquals("fr", accounts().create(NewUser.withEmail("c@example.com").language("FR")).language());
    }

    @Test
    void emailsAreUniqueAfterNormalization() {
        User ann = newUser("ann@example.com");
        StoreSnapshot before = snapshot();

        assertThrows(ConflictException.class, () -> newUser("ann@example.com"));
        assertThrows(ConflictException.class, () -> newUser("  ANN@Example.com "));

        assertUnchanged(before);
        assertEquals(List.of(ann), allUsers(10));
    }

    @Test
    void concurrentCreatesOfOneEmailMakeOneUser() {
        List<Attempt<User>> attempts = race(8, thread -> accounts().create(
                NewUser.withEmail(thread % 2 == 0 ? "racer@example.com" : "RACER@example.com ")));

        List<User> created = attempts.stream().filter(Attempt::succeeded).map(Attempt::value).toList();
        assertEquals(1, created.size(), "exactly one create succeeds");
        for (Attempt<User> attempt : attempts) {
            if (!attempt.succeeded()) {
                assertInstanceOf(ConflictException.class, attempt.error(), () -> "instead of a conflict: " + attempt.error());
            }
        }
        assertEquals(created, allUsers(10));
    }

    // ---- roles ---------------------------------------------------------------------------------------------------

    @Test
    void rolesAreAddedAndRemovedIdempotently() {
        User ann = newUser("ann@example.com");
        Instant created = now();

        clock.advance(Duration.ofMinutes(1));
        User admin = accounts().addRole(ann.id(), "admin");
        assertEquals(Set.of("admin"), admin.roles());
        assertEquals(now(), admin.updatedAt());
        assertEquals(created, admin.createdAt());
        assertEquals(admin, accounts().get(ann.id()));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(admin, accounts().addRole(ann.id(), "admin"), "adding a role the user has changes nothing");
        assertEquals(admin, accounts().get(ann.id()));

        User both = accounts().addRole(ann.id(), "editor");
        assertEquals(Set.of("admin", "editor"), both.roles());

        clock.advance(Duration.ofMinutes(1));
        User editor = accounts().removeRole(ann.id(), "admin");
        assertEquals(Set.of("editor"), editor.roles());
        assertEquals(now(), editor.updatedAt());
        assertEquals(editor, accounts().get(ann.id()));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(editor, accounts().removeRole(ann.id(), "admin"), "removing a missing role changes nothing");
        assertEquals(editor, accounts().removeRole(ann.id(), "never-had"));
        assertEquals(editor, accounts().get(ann.id()));
    }

    @Test
    void roleNamesAreCaseInsensitiveEverywhere() {
        User ann = newUser("ann@example.com");

        User admin = accounts().addRole(ann.id(), "ADMIN");
        assertTrue(admin.hasRole("ADMIN"), "seed 004's check: addRole(ADMIN) then hasRole(ADMIN)");
        assertTrue(admin.hasRole("admin"));
        assertTrue(admin.hasRole("Admin"));
        assertEquals(Set.of("admin"), admin.roles(), "stored and listed in lower case");
        assertTrue(accounts().get(ann.id()).hasRole("ADMIN"), "read back");
        assertEquals(admin, accounts().addRole(ann.id(), "admin"), "the same role in another case changes nothing");

        User none = accounts().removeRole(ann.id(), "Admin");
        assertFalse(none.hasRole("ADMIN"));
        assertEquals(Set.of(), accounts().get(ann.id()).roles());

        User created = accounts().create(NewUser.withEmail("bob@example.com").roles("USER", "Beta.Tester"));
        assertEquals(Set.of("user", "beta.tester"), created.roles());
        assertTrue(created.hasRole("USER"));
        assertTrue(accounts().get(created.id()).hasRole("BETA.TESTER"));
        assertFalse(created.hasRole(null), "a null role is no role");
    }

    @Test
    void rolesOfUnknownUsersAreNotFound() {
        UserId ghost = UserId.of(UUID.randomUUID());
        NotFoundException add = assertThrows(NotFoundException.class, () -> accounts().addRole(ghost, "admin"));
        assertEquals("user", add.entity());
        assertEquals(ghost.toString(), add.id());
        assertThrows(NotFoundException.class, () -> accounts().removeRole(ghost, "admin"));
        assertEquals(List.of(), allUsers(10));
    }

    @Test
    void badRoleNamesAreRefusedAndChangeNothing() {
        User ann = newUser("ann@example.com");
        StoreSnapshot before = snapshot();
        List<String> bad = List.of("", "   ", "has space", "1admin", "-admin", "_admin", "admin!", "ad/min", "rôle",
                "a".repeat(65), "ad\nmin");
        List<Executable> checks = new ArrayList<>();
        for (String role : bad) {
            checks.add(() -> assertInvalid("role", () -> accounts().addRole(ann.id(), role)));
            checks.add(() -> assertInvalid("role", () -> accounts().removeRole(ann.id(), role)));
            checks.add(() -> assertInvalid("role",
                    () -> accounts().create(NewUser.withEmail("bad-role@example.com").roles("ok", role))));
        }
        assertAll(checks);
        assertUnchanged(before);
    }

    // ---- external identities -------------------------------------------------------------------------------------

    @Test
    void findOrCreateCreatesOnceThenFinds() {
        User first = accounts().findOrCreate(GOOGLE, NewUser.withEmail("Ann@Example.com").displayName("Ann").plan("pro"));
        assertEquals("ann@example.com", first.email());
        assertEquals("Ann", first.displayName());
        assertEquals(List.of(GOOGLE), first.identities());
        assertEquals(first, accounts().get(first.id()));
        assertEquals("pro", store.ledger().account(first.id()).plan());

        clock.advance(Duration.ofMinutes(5));
        User second = accounts().findOrCreate(GOOGLE, NewUser.withEmail("someone-else@example.com"));
        assertEquals(first, second, "the second call finds the user and ignores the profile");
        assertEquals(List.of(first), allUsers(10));
        assertEquals(Optional.empty(), accounts().findByEmail("someone-else@example.com"));
    }

    @Test
    void providersCompareCaseInsensitivelySubjectsExactly() {
        User ann = accounts().findOrCreate(ExternalIdentity.of(" GitHub ", "AbC"), NewUser.withEmail("ann@example.com"));
        ExternalIdentity stored = ExternalIdentity.of("github", "AbC");
        assertEquals(List.of(stored), ann.identities());

        assertEquals(Optional.of(ann), accounts().findByIdentity(ExternalIdentity.of("GITHUB", "AbC")));
        assertEquals(Optional.of(ann), accounts().findByIdentity(stored));
        assertEquals(Optional.empty(), accounts().findByIdentity(ExternalIdentity.of("github", "abc")));
        assertEquals(Optional.empty(), accounts().findByIdentity(ExternalIdentity.of("gitlab", "AbC")));
        assertEquals(ann, accounts().findOrCreate(ExternalIdentity.of("Github", "AbC"), NewUser.withEmail("x@example.com")));
        assertEquals(1, allUsers(10).size());
    }

    @Test
    void findOrCreateRefusesAnEmailOfAnotherUser() {
        User ann = newUser("ann@example.com");
        StoreSnapshot before = snapshot();

        assertThrows(ConflictException.class, () -> accounts().findOrCreate(GOOGLE, NewUser.withEmail(" ANN@example.com")));

        assertUnchanged(before);
        assertEquals(Optional.empty(), accounts().findByIdentity(GOOGLE));
        assertEquals(List.of(), accounts().get(ann.id()).identities());
    }

    @Test
    void linkIdentityAttachesAnIdentityToOneUserOnly() {
        User ann = accounts().findOrCreate(GOOGLE, NewUser.withEmail("ann@example.com"));
        User bob = newUser("bob@example.com");
        ExternalIdentity github = ExternalIdentity.of("github", "42");

        clock.advance(Duration.ofMinutes(1));
        User linked = accounts().linkIdentity(ann.id(), ExternalIdentity.of("GitHub", "42"));
        assertEquals(List.of(github, GOOGLE), linked.identities(), "sorted by provider, then subject");
        assertEquals(now(), linked.updatedAt());
        assertEquals(linked, accounts().get(ann.id()));
        assertEquals(Optional.of(linked), accounts().findByIdentity(github));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(linked, accounts().linkIdentity(ann.id(), github), "linking again changes nothing");

        StoreSnapshot before = snapshot();
        assertThrows(ConflictException.class, () -> accounts().linkIdentity(bob.id(), github));
        assertThrows(ConflictException.class, () -> accounts().linkIdentity(bob.id(), GOOGLE));
        assertUnchanged(before);
        assertEquals(List.of(), accounts().get(bob.id()).identities());

        assertThrows(NotFoundException.class, () -> accounts().linkIdentity(UserId.of(UUID.randomUUID()),
                ExternalIdentity.of("apple", "1")));
        assertEquals(Optional.empty(), accounts().findByIdentity(ExternalIdentity.of("apple", "1")));
    }

    @Test
    void badIdentitiesAreRefusedAndChangeNothing() {
        User ann = newUser("ann@example.com");
        StoreSnapshot before = snapshot();
        NewUser profile = NewUser.withEmail("new@example.com");
        List<Executable> checks = new ArrayList<>();
        for (String provider : List.of("", "  ", "google inc", "goo/gle", "-google", "p".repeat(65))) {
            ExternalIdentity identity = ExternalIdentity.of(provider, "1");
            checks.add(() -> assertInvalid("provider", () -> accounts().findOrCreate(identity, profile)));
            checks.add(() -> assertInvalid("provider", () -> accounts().linkIdentity(ann.id(), identity)));
            checks.add(() -> assertInvalid("provider", () -> accounts().findByIdentity(identity)));
        }
        for (String subject : List.of("", "   ", "s".repeat(256), "a\u0000b")) {
            ExternalIdentity identity = ExternalIdentity.of("google", subject);
            checks.add(() -> assertInvalid("subject", () -> accounts().findOrCreate(identity, profile)));
            checks.add(() -> assertInvalid("subject", () -> accounts().linkIdentity(ann.id(), identity)));
        }
        checks.add(() -> assertInvalid("email", () -> accounts().findOrCreate(GOOGLE, NewUser.withEmail("not-an-email"))));
        assertAll(checks);
        assertUnchanged(before);
    }

    @Test
    void concurrentFindOrCreateOfOneIdentityMakesOneUser() {
        int rounds = 20;
        for (int round = 0; round < rounds; round++) {
            ExternalIdentity identity = ExternalIdentity.of("google", "subject-" + round);
            boolean sameProfile = round % 2 == 0; // all racers offer one email, or each its own
            int r = round;
            List<User> users = valuesOf(race(8, thread -> accounts().findOrCreate(identity,
                    NewUser.withEmail(sameProfile ? "racer" + r + "@example.com" : "racer" + r + "-" + thread + "@example.com"))));
            Set<UserId> ids = new HashSet<>();
            users.forEach(u -> ids.add(u.id()));
            assertEquals(1, ids.size(), "round " + round + ": racers got different users " + ids);
            assertEquals(List.of(identity), users.get(0).identities());
            assertEquals(round + 1, allUsers(10).size(), "round " + round + " made exactly one user");
        }
        List<User> all = allUsers(7);
        assertEquals(rounds, all.size(), "one user per identity");
        for (User user : all) {
            assertEquals(1, user.identities().size());
        }
    }

    // ---- given and family names -----------------------------------------------------------------------------------

    @Test
    void givenAndFamilyNamesAreOptionalAndKeptBesideTheDisplayName() {
        User john = accounts().create(NewUser.withEmail("john@example.com").displayName("Johnny")
                .givenName("  John ").familyName("Doe"));
        assertEquals("John", john.givenName(), "trimmed");
        assertEquals("Doe", john.familyName());
        assertEquals("Johnny", john.displayName());
        assertEquals(john, accounts().get(john.id()), "read back");

        User plain = newUser("plain@example.com");
        assertNull(plain.givenName());
        assertNull(plain.familyName());
        assertEquals(plain, accounts().get(plain.id()));

        clock.advance(Duration.ofMinutes(1));
        User renamed = accounts().update(john.id(), UserUpdate.change().familyName("Doe-Smith"));
        assertEquals("John", renamed.givenName(), "a name not in the update stays");
        assertEquals("Doe-Smith", renamed.familyName());
        assertEquals(now(), renamed.updatedAt());
        assertEquals(renamed, accounts().get(john.id()));

        User named = accounts().update(plain.id(), UserUpdate.change().givenName("Pat").familyName("Lee"));
        assertEquals(List.of("Pat", "Lee"), List.of(named.givenName(), named.familyName()));
        assertEquals(named, accounts().get(plain.id()));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(named, accounts().update(plain.id(), UserUpdate.change().givenName("Pat")),
                "the same name again changes nothing, updatedAt included");
    }

    @Test
    void badGivenAndFamilyNamesAreRefusedAndChangeNothing() {
        User ann = newUser("ann@example.com");
        StoreSnapshot before = snapshot();
        assertAll(
                () -> assertInvalid("givenName", () -> accounts().create(NewUser.withEmail("x@example.com").givenName(" "))),
                () -> assertInvalid("familyName",
                        () -> accounts().create(NewUser.withEmail("x@example.com").familyName("f".repeat(101)))),
                () -> assertInvalid("givenName", () -> accounts().update(ann.id(), UserUpdate.change().givenName("a\u0000b"))),
                () -> assertInvalid("familyName", () -> accounts().update(ann.id(), UserUpdate.change().familyName(""))));
        assertUnchanged(before);
    }

    // ---- update --------------------------------------------------------------------------------------------------

    @Test
    void updateChangesTheGivenFieldsOnly() {
        User ann = accounts().create(NewUser.withEmail("ann@example.com").displayName("Ann").roles("admin"));
        Instant created = now();
        clock.advance(Duration.ofHours(1));

        User renamed = accounts().update(ann.id(), UserUpdate.change().displayName("Ann B."));
        assertEquals("Ann B.", renamed.displayName());
        assertEquals("ann@example.com", renamed.email());
        assertEquals("en", renamed.language());
        assertEquals(Set.of("admin"), renamed.roles());
        assertEquals(created, renamed.createdAt());
        assertEquals(now(), renamed.updatedAt());
        assertEquals(renamed, accounts().get(ann.id()));

        clock.advance(Duration.ofHours(1));
        User moved = accounts().update(ann.id(), UserUpdate.change().email("  Ann.New@Example.COM ").language("fr-ca"));
        assertEquals("ann.new@example.com", moved.email());
        assertEquals("fr-CA", moved.language());
        assertEquals("Ann B.", moved.displayName());
        assertEquals(now(), moved.updatedAt());
        assertEquals(moved, accounts().get(ann.id()));
        assertEquals(Optional.empty(), accounts().findByEmail("ann@example.com"));
        assertEquals(Optional.of(moved), accounts().findByEmail("ann.new@example.com"));

        User sameEmail = accounts().update(ann.id(), UserUpdate.change().email("ANN.NEW@example.com"));
        assertEquals("ann.new@example.com", sameEmail.email(), "a user may keep its own email");
        assertEquals(1, allUsers(10).size());
    }

    @Test
    void updateRefusesAnotherUsersEmail() {
        User ann = newUser("ann@example.com");
        newUser("bob@example.com");
        StoreSnapshot before = snapshot();

        assertThrows(ConflictException.class, () -> accounts().update(ann.id(), UserUpdate.change().email(" BOB@example.com")));
        assertThrows(ConflictException.class,
                () -> accounts().update(ann.id(), UserUpdate.change().email("bob@example.com").displayName("Bob?")));

        assertUnchanged(before);
    }

    @Test
    void updateOfAnUnknownUserIsNotFound() {
        newUser("ann@example.com");
        StoreSnapshot before = snapshot();
        UserId ghost = UserId.of(UUID.randomUUID());

        NotFoundException e = assertThrows(NotFoundException.class,
                () -> accounts().update(ghost, UserUpdate.change().displayName("Ghost")));
        assertEquals("user", e.entity());
        assertThrows(NotFoundException.class, () -> accounts().get(ghost));
        assertEquals(Optional.empty(), accounts().find(ghost));
        assertUnchanged(before);
    }

    @Test
    void badUpdatesAreRefusedAndChangeNothing() {
        User ann = newUser("ann@example.com");
        StoreSnapshot before = snapshot();
        assertAll(
                () -> assertInvalid("email", () -> accounts().update(ann.id(), UserUpdate.change().email("nope"))),
                () -> assertInvalid("email", () -> accounts().update(ann.id(), UserUpdate.change().email("  "))),
                () -> assertInvalid("language", () -> accounts().update(ann.id(), UserUpdate.change().language("en_US"))),
                () -> assertInvalid("displayName", () -> accounts().update(ann.id(), UserUpdate.change().displayName("d".repeat(201)))),
                () -> assertInvalid("displayName", () -> accounts().update(ann.id(), UserUpdate.change().displayName(" "))),
                () -> assertInvalid("email", () -> accounts().update(ann.id(),
                        UserUpdate.change().displayName("Fine").email("bad@"))));
        assertUnchanged(before);
    }

    // ---- delete --------------------------------------------------------------------------------------------------

    @Test
    void deleteRemovesTheUserAndEverythingItOwns() {
        User ann = accounts().findOrCreate(GOOGLE, NewUser.withEmail("ann@example.com").roles("admin"));
        UserId bob = userWithTokens("bob@example.com", 40);
        store.ledger().hold(bob, 10, "GENERATION", "bob-job");
        store.ledger().credit(ann.id(), 100, "SIGNUP_BONUS", "signup");
        store.ledger().debit(ann.id(), 10, "GENERATION", "job-1");
        Hold hold = store.ledger().hold(ann.id(), 20, "GENERATION", "job-2");
        Hold expiring = store.ledger().hold(ann.id(), 5, "GENERATION", "job-3", Duration.ofMinutes(1));
        IssuedCode code = store.otp().issue("ann@example.com");
        User bobUser = accounts().get(bob);
        TokenAccount bobAccount = account(bob);
        var bobHistory = fullHistory(bob);

        accounts().delete(ann.id());

        UserId gone = ann.id();
        assertEquals(Optional.empty(), accounts().find(gone));
        assertThrows(NotFoundException.class, () -> accounts().get(gone));
        assertEquals(Optional.empty(), accounts().findByEmail("ann@example.com"));
        assertEquals(Optional.empty(), accounts().findByIdentity(GOOGLE));
        assertEquals(List.of(bobUser), allUsers(10));
        assertAll(
                () -> assertThrows(NotFoundException.class, () -> store.ledger().account(gone)),
                () -> assertThrows(NotFoundException.class, () -> store.ledger().credit(gone, 1, "R", "after-delete-1")),
                () -> assertThrows(NotFoundException.class, () -> store.ledger().debit(gone, 1, "R", "after-delete-2")),
                () -> assertThrows(NotFoundException.class, () -> store.ledger().hold(gone, 1, "R", "after-delete-3")),
                () -> assertThrows(NotFoundException.class, () -> store.ledger().history(gone, PageRequest.first(10))),
                () -> assertThrows(NotFoundException.class, () -> store.ledger().balanceAt(gone, now())),
                () -> assertThrows(NotFoundException.class, () -> store.ledger().changePlan(gone, "pro")),
                () -> assertEquals(Optional.empty(), store.ledger().findHold(hold.id())),
                () -> assertEquals(Optional.empty(), store.ledger().findHold(expiring.id())),
                () -> assertThrows(NotFoundException.class, () -> store.ledger().capture(hold.id(), 1)),
                () -> assertThrows(NotFoundException.class, () -> store.ledger().release(hold.id())),
                () -> assertThrows(NotFoundException.class, () -> accounts().addRole(gone, "x")),
                () -> assertThrows(NotFoundException.class, () -> accounts().update(gone, UserUpdate.change().displayName("x"))));
        OtpRejectedException otp = assertThrows(OtpRejectedException.class,
                () -> store.otp().verify("ann@example.com", code.code()));
        assertEquals(OtpRejectedException.Reason.NO_CHALLENGE, otp.reason(), "codes of a deleted user are deleted");

        clock.advance(Duration.ofMinutes(5)); // let ann's expiring hold pass: nothing of ann's may be found
        assertEquals(0, store.ledger().releaseExpiredHolds());
        assertEquals(bobUser, accounts().get(bob));
        assertEquals(bobAccount, account(bob));
        assertEquals(bobHistory, fullHistory(bob));

        NotFoundException again = assertThrows(NotFoundException.class, () -> accounts().delete(gone));
        assertEquals("user", again.entity());
    }

    @Test
    void aDeletedUsersEmailAndIdentityCanBeUsedAgain() {
        User ann = accounts().findOrCreate(GOOGLE, NewUser.withEmail("ann@example.com"));
        store.ledger().credit(ann.id(), 100, "SIGNUP_BONUS", "signup");
        accounts().delete(ann.id());

        User again = accounts().findOrCreate(GOOGLE, NewUser.withEmail("ANN@example.com"));
        assertNotEquals(ann.id(), again.id());
        assertEquals("ann@example.com", again.email());
        assertEquals(0, account(again.id()).balance());
        assertEquals(List.of(), fullHistory(again.id()));
        assertEquals(1, store.ledger().credit(again.id(), 100, "SIGNUP_BONUS", "signup").sequence(),
                "the reference id of a deleted account is free again");
        assertEquals(List.of(accounts().get(again.id())), allUsers(10));
    }

    // ---- list ----------------------------------------------------------------------------------------------------

    @Test
    void listReturnsEveryUserOnceOldestFirstInKeysetPages() {
        List<User> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            created.add(newUser("user" + i + "@example.com"));
            if (i % 3 == 0) {
                clock.advance(Duration.ofMillis(1)); // some users share a millisecond, some do not
            }
        }

        List<Page<User>> pages = new ArrayList<>();
        Page<User> page = accounts().list(PageRequest.first(7));
        pages.add(page);
        while (page.hasNext()) {
            page = accounts().list(page.next(7).orElseThrow());
            pages.add(page);
        }
        assertEquals(List.of(7, 7, 7, 4), pages.stream().map(p -> p.items().size()).toList());
        assertNull(pages.get(3).nextCursor());
        assertFalse(pages.get(3).hasNext());
        assertEquals(Optional.empty(), pages.get(3).next(7));
        assertEquals(created, pages.stream().flatMap(p -> p.items().stream()).toList(), "every user once, oldest first");

        assertEquals(created, allUsers(7), "the order is stable");
        assertEquals(created, allUsers(1));
        Page<User> all = accounts().list(PageRequest.first(PageRequest.MAX_SIZE));
        assertEquals(created, all.items());
        assertNull(all.nextCursor());
    }

    @Test
    void aListingThatEndsOnAFullPageHasNoEmptyPageAfterIt() {
        List<User> created = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            created.add(newUser("user" + i + "@example.com"));
        }
        Page<User> first = accounts().list(PageRequest.first(7));
        Page<User> second = accounts().list(first.next(7).orElseThrow());
        Page<User> third = accounts().list(second.next(7).orElseThrow());
        assertEquals(created.subList(14, 21), third.items());
        assertFalse(third.hasNext(), "the last full page says there is no next one");
    }

    @Test
    void anEmptyStoreListsNothing() {
        Page<User> page = accounts().list(PageRequest.first(10));
        assertEquals(List.of(), page.items());
        assertNull(page.nextCursor());
    }

    @Test
    void pagesNeitherSkipNorRepeatWhileUsersComeAndGo() {
        List<User> created = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            created.add(newUser("user" + i + "@example.com"));
        }
        Page<User> first = accounts().list(PageRequest.first(5));
        assertEquals(created.subList(0, 5), first.items());

        accounts().delete(created.get(4).id()); // the user the cursor points after
        List<User> added = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(1));
            added.add(newUser("late" + i + "@example.com"));
        }

        List<User> rest = new ArrayList<>();
        Page<User> page = first;
        while (page.hasNext()) {
            page = accounts().list(page.next(5).orElseThrow());
            rest.addAll(page.items());
        }
        List<User> expected = new ArrayList<>(created.subList(5, 12));
        expected.addAll(added);
        assertEquals(expected, rest);
    }

    @Test
    void cursorsOfOtherListingsOrGarbageAreRefused() {
        UserId ann = userWithTokens("ann@example.com", 10);
        store.ledger().credit(ann, 10, "TOP_UP", "top-up-1");
        for (int i = 0; i < 3; i++) {
            newUser("user" + i + "@example.com");
        }
        String historyCursor = store.ledger().history(ann, PageRequest.first(1)).nextCursor();
        String usersCursor = accounts().list(PageRequest.first(1)).nextCursor();
        assertTrue(historyCursor != null && usersCursor != null);
        Function<String, String> b64 = text -> Base64.getUrlEncoder().withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
        StoreSnapshot before = snapshot();

        List<Executable> checks = new ArrayList<>();
        for (String cursor : List.of(historyCursor, "garbage", "!!!", "%%%%", "users", b64.apply("users:not-a-uuid"),
                b64.apply("ledger:5"), b64.apply("users:"), usersCursor + "x")) {
            checks.add(() -> assertInvalid("cursor", () -> accounts().list(PageRequest.after(cursor, 5))));
        }
        checks.add(() -> assertInvalid("cursor", () -> store.ledger().history(ann, PageRequest.after(usersCursor, 5))));
        checks.add(() -> assertInvalid("cursor", () -> store.ledger().history(ann, PageRequest.after("garbage", 5))));
        checks.add(() -> assertInvalid("cursor", () -> store.ledger().history(ann, PageRequest.after(b64.apply("ledger:x"), 5))));
        checks.add(() -> assertInvalid("size", () -> PageRequest.first(0)));
        checks.add(() -> assertInvalid("size", () -> PageRequest.first(PageRequest.MAX_SIZE + 1)));
        checks.add(() -> assertInvalid("after", () -> PageRequest.after(" ", 5)));
        assertAll(checks);
        assertUnchanged(before);
    }

    // ---- bad input -----------------------------------------------------------------------------------------------

    @Test
    void badNewUsersAreRefusedNamingTheFieldAndChangeNothing() {
        User ann = newUser("ann@example.com");
        store.ledger().credit(ann.id(), 50, "SIGNUP_BONUS", "signup");
        StoreSnapshot before = snapshot();

        List<Executable> checks = new ArrayList<>();
        checks.add(() -> assertInvalid("user", () -> accounts().create(null)));
        List<String> badEmails = new ArrayList<>(List.of("", "   ", "\t", "plainaddress", "@example.com", "ann@",
                "ann@example", "ann@@example.com", "ann smith@example.com", "ann@exa mple.com", "ann@-example.com",
                "ann@example-.com", "ann@example..com", "ann@.example.com", "ann@example.com.", "ann@ex_ample.com",
                "ann(at)example.com", "ännchen@example.com", "ann@exämple.com", "a\nb@example.com",
                "l".repeat(65) + "@example.com", "ann@" + "d".repeat(64) + ".com",
                "ann@" + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(63) + ".com"));
        badEmails.add(null);
        for (String email : badEmails) {
            checks.add(() -> assertInvalid("email", () -> accounts().create(NewUser.withEmail(email))));
            checks.add(() -> assertInvalid("email", () -> accounts().findByEmail(email)));
        }
        for (String name : List.of("", "  ", "n".repeat(201), "Ann\u0000", "Ann\nSmith", "\u0007")) {
            checks.add(() -> assertInvalid("displayName",
                    () -> accounts().create(NewUser.withEmail("new@example.com").displayName(name))));
        }
        List<String> badLanguages = new ArrayList<>(List.of("", "  ", "english!", "en_US", "e", "x-private", "123",
                "toolonglanguage", "en-", "-en", "en--US", "l".repeat(36)));
        badLanguages.add(null);
        for (String language : badLanguages) {
            checks.add(() -> assertInvalid("language",
                    () -> accounts().create(NewUser.withEmail("new@example.com").language(language))));
        }
        for (String role : List.of("", "1admin", "has space", "admin!", "r".repeat(65))) {
            checks.add(() -> assertInvalid("role", () -> accounts().create(NewUser.withEmail("new@example.com").roles(role))));
        }
        checks.add(() -> assertInvalid("role",
                () -> accounts().create(NewUser.withEmail("new@example.com").roles("admin", null))));
        List<String> badPlans = new ArrayList<>(List.of("", "   ", "p".repeat(65), "pr\ro"));
        badPlans.add(null);
        for (String plan : badPlans) {
            checks.add(() -> assertInvalid("plan", () -> accounts().create(NewUser.withEmail("new@example.com").plan(plan))));
        }
        assertAll(checks);

        assertUnchanged(before);
        assertEquals(Optional.empty(), accounts().findByEmail("new@example.com"));
    }

    @Test
    void longestValidValuesAreKept() {
        String local = "l".repeat(64);
        String email = local + "@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(57) + ".com";
        assertEquals(254, email.length());
        String name = "N".repeat(200);
        User user = accounts().create(NewUser.withEmail(email).displayName(name).roles("r".repeat(64)).plan("p".repeat(64)));
        assertEquals(email, user.email());
        assertEquals(name, user.displayName());
        assertEquals(user, accounts().get(user.id()));
        assertEquals("p".repeat(64), account(user.id()).plan());
        ExternalIdentity identity = ExternalIdentity.of("p".repeat(64), "s".repeat(255));
        assertEquals(List.of(identity), accounts().linkIdentity(user.id(), identity).identities());
        assertEquals(Optional.of(user.id()), accounts().findByIdentity(identity).map(User::id));
    }
}
