package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.genstore.Genstore;
import dev.genstore.accounts.Accounts;
import dev.genstore.accounts.ExternalIdentity;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.accounts.UserUpdate;
import dev.genstore.auth.ChallengeId;
import dev.genstore.auth.OneTimePasswords;
import dev.genstore.auth.OtpPolicy;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.Ledger;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every public method refuses a null argument with an {@link dev.genstore.errors.InvalidInputException} naming it
 * (never a {@link NullPointerException}), and writes nothing.
 */
public abstract class ApiNullsContract extends StoreContract {
    private static final ExternalIdentity GOOGLE = ExternalIdentity.of("google", "1");

    @Test
    void accountsRefuseNulls() {
        Accounts accounts = store.accounts();
        UserId ann = newUser("ann@example.com").id();
        NewUser profile = NewUser.withEmail("new@example.com");
        StoreSnapshot before = snapshot();

        assertAll(
                () -> assertInvalid("user", () -> accounts.create(null)),
                () -> assertInvalid("identity", () -> accounts.findOrCreate(null, profile)),
                () -> assertInvalid("user", () -> accounts.findOrCreate(GOOGLE, null)),
                () -> assertInvalid("provider", () -> accounts.findOrCreate(ExternalIdentity.of(null, "1"), profile)),
                () -> assertInvalid("subject", () -> accounts.findOrCreate(ExternalIdentity.of("google", null), profile)),
                () -> assertInvalid("userId", () -> accounts.find(null)),
                () -> assertInvalid("userId", () -> accounts.get(null)),
                () -> assertInvalid("email", () -> accounts.findByEmail(null)),
                () -> assertInvalid("identity", () -> accounts.findByIdentity(null)),
                () -> assertInvalid("provider", () -> accounts.findByIdentity(ExternalIdentity.of(null, "1"))),
                () -> assertInvalid("subject", () -> accounts.findByIdentity(ExternalIdentity.of("google", null))),
                () -> assertInvalid("userId", () -> accounts.update(null, UserUpdate.change().displayName("x"))),
                () -> assertInvalid("update", () -> accounts.update(ann, null)),
                () -> assertInvalid("userId", () -> accounts.addRole(null, "admin")),
                () -> assertInvalid("role", () -> accounts.addRole(ann, null)),
                () -> assertInvalid("userId", () -> accounts.removeRole(null, "admin")),
                () -> assertInvalid("role", () -> accounts.removeRole(ann, null)),
                () -> assertInvalid("userId", () -> accounts.linkIdentity(null, GOOGLE)),
                () -> assertInvalid("identity", () -> accounts.linkIdentity(ann, null)),
                () -> assertInvalid("userId", () -> accounts.delete(null)),
                () -> assertInvalid("page", () -> accounts.list(null)),
                () -> assertInvalid("email", () -> accounts.create(new NewUser(null, null, "en", null, "free"))),
                () -> assertInvalid("role", () -> accounts.create(profile.roles("admin", null))));
        assertUnchanged(before);
    }

    @Test
    void nullProfileFieldsMeanDefaultsOrNothing() {
        NewUser bare = new NewUser("ann@example.com", null, "en", null, "free");
        assertEquals(Set.of(), bare.roles());
        assertEquals(Set.of(), NewUser.withEmail("x@example.com").roles((String[]) null).roles());
        User ann = store.accounts().create(bare);
        clock.advance(Duration.ofMinutes(1));
        assertEquals(ann, store.accounts().update(ann.id(), UserUpdate.change()), "an update of nulls changes nothing");
        assertEquals(ann, store.accounts().get(ann.id()));
    }

    @Test
    void oneTimePasswordsRefuseNulls() {
        OneTimePasswords otp = store.otp();
        String code = otp.issue("ann@example.com").code();
        assertAll(
                () -> assertInvalid("email", () -> otp.issue(null)),
                () -> assertInvalid("email", () -> otp.verify(null, code)),
                () -> assertInvalid("code", () -> otp.verify("ann@example.com", null)));
        assertEquals("ann@example.com", otp.verify("ann@example.com", code).email(), "nothing was counted");
    }

    @Test
    void theLedgerRefusesNulls() {
        Ledger ledger = store.ledger();
        UserId ann = userWithTokens("ann@example.com", 100);
        Hold hold = ledger.hold(ann, 10, "GENERATION", "job");
        StoreSnapshot before = snapshot();

        assertAll(
                () -> assertInvalid("userId", () -> ledger.account(null)),
                () -> assertInvalid("userId", () -> ledger.changePlan(null, "pro")),
                () -> assertInvalid("plan", () -> ledger.changePlan(ann, null)),
                () -> assertInvalid("userId", () -> ledger.credit(null, 1, "GIFT", "g")),
                () -> assertInvalid("reason", () -> ledger.credit(ann, 1, null, "g")),
                () -> assertInvalid("referenceId", () -> ledger.credit(ann, 1, "GIFT", null)),
                () -> assertInvalid("userId", () -> ledger.debit(null, 1, "GENERATION", "d")),
                () -> assertInvalid("reason", () -> ledger.debit(ann, 1, null, "d")),
                () -> assertInvalid("referenceId", () -> ledger.debit(ann, 1, "GENERATION", null)),
                () -> assertInvalid("userId", () -> ledger.hold(null, 1, "GENERATION", "h")),
                () -> assertInvalid("reason", () -> ledger.hold(ann, 1, null, "h")),
                () -> assertInvalid("referenceId", () -> ledger.hold(ann, 1, "GENERATION", null)),
                () -> assertInvalid("userId", () -> ledger.hold(null, 1, "GENERATION", "h", Duration.ofMinutes(1))),
                () -> assertInvalid("reason", () -> ledger.hold(ann, 1, null, "h", Duration.ofMinutes(1))),
                () -> assertInvalid("referenceId", () -> ledger.hold(ann, 1, "GENERATION", null, null)),
                () -> assertInvalid("holdId", () -> ledger.capture(null, 1)),
                () -> assertInvalid("holdId", () -> ledger.captureAll(null)),
                () -> assertInvalid("holdId", () -> ledger.release(null)),
                () -> assertInvalid("holdId", () -> ledger.findHold(null)),
                () -> assertInvalid("userId", () -> ledger.history(null, PageRequest.first(5))),
                () -> assertInvalid("page", () -> ledger.history(ann, null)),
                () -> assertInvalid("userId", () -> ledger.balanceAt(null, Instant.now())),
                () -> assertInvalid("at", () -> ledger.balanceAt(ann, null)));
        assertUnchanged(before);
        assertEquals(hold, ledger.findHold(hold.id()).orElseThrow());
        assertEquals(null, ledger.hold(ann, 1, "GENERATION", "no-expiry", null).expiresAt(), "a null expiry means never");
    }

    @Test
    void valueTypesAndTheBuilderRefuseNulls() {
        assertAll(
                () -> assertInvalid("userId", () -> UserId.of(null)),
                () -> assertInvalid("userId", () -> UserId.parse(null)),
                () -> assertInvalid("userId", () -> UserId.parse("not-a-uuid")),
                () -> assertInvalid("holdId", () -> HoldId.of(null)),
                () -> assertInvalid("challengeId", () -> new ChallengeId(null)),
                () -> assertInvalid("cursor", () -> PageRequest.after(null, 5)),
                () -> assertInvalid("timeToLive", () -> new OtpPolicy(6, null, 5)),
                () -> assertInvalid("codeLength", () -> new OtpPolicy(3, Duration.ofMinutes(1), 5)),
                () -> assertInvalid("maxAttempts", () -> new OtpPolicy(6, Duration.ofMinutes(1), 0)),
                () -> assertInvalid("storage", () -> Genstore.builder().storage(null)),
                () -> assertInvalid("clock", () -> Genstore.builder().clock(null)),
                () -> assertInvalid("otpPolicy", () -> Genstore.builder().otpPolicy(null)),
                () -> assertInvalid("storage", () -> Genstore.builder().build()),
                () -> assertInvalid("work", () -> store.transaction(null)),
                () -> assertInvalid("work", () -> store.useTransaction(null)));
        assertEquals(List.of(), allUsers(5));
    }
}
