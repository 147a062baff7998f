package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.auth.IssuedCode;
import dev.genstore.auth.OneTimePasswords;
import dev.genstore.auth.OtpPolicy;
import dev.genstore.auth.OtpRejectedException;
import dev.genstore.auth.OtpRejectedException.Reason;
import dev.genstore.auth.VerifiedCode;
import dev.genstore.errors.RateLimitedException;
import dev.genstore.spi.Storage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * One-time passwords: issue, verify once, attempts, expiry, replacement, normalization, purge, races, and the limits
 * per email on codes issued and refused verifications.
 */
public abstract class OtpContract extends StoreContract {
    private static final OtpPolicy POLICY = OtpPolicy.DEFAULT;

    /**
     * Two new storages over one new database of this backend (as two processes or app instances would open it), each
     * with its own connection pool.
     */
    protected abstract List<Storage> twoStoragesOfOneDatabase();

    private OneTimePasswords otp() {
        return store.otp();
    }

    /** A code of the same length that differs from {@code code} in every digit. */
    private static String wrong(String code) {
        StringBuilder wrong = new StringBuilder();
        for (char c : code.toCharArray()) {
            wrong.append((char) ('0' + (c - '0' + 1) % 10));
        }
        return wrong.toString();
    }

    private static OtpRejectedException assertRejected(Reason reason, Executable call) {
        OtpRejectedException e = assertThrows(OtpRejectedException.class, call);
        assertEquals(reason, e.reason(), e::getMessage);
        return e;
    }

    @Test
    void issueReturnsACodeOfThePolicysLength() {
        IssuedCode issued = otp().issue("  Ann@Example.COM ");
        assertEquals(POLICY.codeLength(), issued.code().length());
        assertTrue(issued.code().chars().allMatch(c -> c >= '0' && c <= '9'), "digits only: " + issued.code());
        assertEquals("ann@example.com", issued.email());
        assertEquals(now().plus(POLICY.timeToLive()), issued.expiresAt());
    }

    @Test
    void anotherPolicyIsHonoured() {
        Genstore strict = openStore(new OtpPolicy(9, Duration.ofMinutes(2), 2));
        IssuedCode issued = strict.otp().issue("ann@example.com");
        assertEquals(9, issued.code().length());
        assertEquals(now().plus(Duration.ofMinutes(2)), issued.expiresAt());
        assertRejected(Reason.WRONG_CODE, () -> strict.otp().verify("ann@example.com", wrong(issued.code())));
        OtpRejectedException last = assertRejected(Reason.WRONG_CODE,
                () -> strict.otp().verify("ann@example.com", wrong(issued.code())));
        assertEquals(0, last.attemptsLeft());
        assertRejected(Reason.TOO_MANY_ATTEMPTS, () -> strict.otp().verify("ann@example.com", issued.code()));
        assertInvalid("code", () -> strict.otp().verify("ann@example.com", "123456")); // a code of another length
    }

    @Test
    void codesAreRandom() {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            codes.add(otp().issue("user" + i + "@example.com").code());
        }
        assertTrue(codes.stream().distinct().count() > 15, "twenty codes should hardly repeat: " + codes);
    }

    @Test
    void toStringHidesTheCode() {
        IssuedCode issued = otp().issue("ann@example.com");
        String text = issued.toString().replace(issued.challengeId().toString(), "");
        assertFalse(text.contains(issued.code()), text);
        assertTrue(issued.toString().contains(issued.challengeId().toString()));
    }

    @Test
    void theRightCodeVerifiesOnce() {
        IssuedCode issued = otp().issue("ann@example.com");
        clock.advance(Duration.ofMinutes(3));

        VerifiedCode verified = otp().verify("ann@example.com", issued.code());
        assertEquals(new VerifiedCode(issued.challengeId(), "ann@example.com", now()), verified);

        OtpRejectedException reused = assertRejected(Reason.ALREADY_USED, () -> otp().verify("ann@example.com", issued.code()));
        assertEquals(0, reused.attemptsLeft());
        assertRejected(Reason.ALREADY_USED, () -> otp().verify("ann@example.com", wrong(issued.code())));
    }

    @Test
    void emailsAreNormalizedOnVerify() {
        IssuedCode issued = otp().issue("ann@example.com");
        VerifiedCode verified = otp().verify(" ANN@Example.Com  ", issued.code());
        assertEquals("ann@example.com", verified.email());
        assertEquals(issued.challengeId(), verified.challengeId());
    }

    @Test
    void codesBelongToTheirEmail() {
        IssuedCode ann = otp().issue("ann@example.com");
        IssuedCode bob = otp().issue("bob@example.com");
        assertNotEquals(ann.challengeId(), bob.challengeId());
        if (!ann.code().equals(bob.code())) {
            assertRejected(Reason.WRONG_CODE, () -> otp().verify("bob@example.com", ann.code()));
        }
        assertEquals(ann.challengeId(), otp().verify("ann@example.com", ann.code()).challengeId());
        assertEquals(bob.challengeId(), otp().verify("bob@example.com", bob.code()).challengeId());
    }

    @Test
    void wrongCodesCountDownThenLockEvenTheRightCode() {
        IssuedCode issued = otp().issue("ann@example.com");
        String wrong = wrong(issued.code());
        for (int left = POLICY.maxAttempts() - 1; left >= 0; left--) {
            OtpRejectedException e = assertRejected(Reason.WRONG_CODE, () -> otp().verify("ann@example.com", wrong));
            assertEquals(left, e.attemptsLeft());
        }
        OtpRejectedException locked = assertRejected(Reason.TOO_MANY_ATTEMPTS,
                () -> otp().verify("ann@example.com", issued.code()));
        assertEquals(0, locked.attemptsLeft());
        assertRejected(Reason.TOO_MANY_ATTEMPTS, () -> otp().verify("ann@example.com", wrong));

        IssuedCode fresh = otp().issue("ann@example.com");
        assertEquals(fresh.challengeId(), otp().verify("ann@example.com", fresh.code()).challengeId(),
                "a new code starts with fresh attempts");
    }

    @Test
    void aRightCodeAfterSomeWrongOnesStillVerifies() {
        IssuedCode issued = otp().issue("ann@example.com");
        for (int i = 0; i < POLICY.maxAttempts() - 1; i++) {
            assertRejected(Reason.WRONG_CODE, () -> otp().verify("ann@example.com", wrong(issued.code())));
        }
        assertEquals(issued.challengeId(), otp().verify("ann@example.com", issued.code()).challengeId());
    }

    @Test
    void codesExpireWithTheClock() {
        IssuedCode issued = otp().issue("ann@example.com");
        IssuedCode bob = otp().issue("bob@example.com");

        clock.advance(POLICY.timeToLive().minusSeconds(1));
        assertEquals(bob.challengeId(), otp().verify("bob@example.com", bob.code()).challengeId(), "valid until the end");

        clock.advance(Duration.ofSeconds(2));
        OtpRejectedException e = assertRejected(Reason.EXPIRED, () -> otp().verify("ann@example.com", issued.code()));
        assertEquals(0, e.attemptsLeft());
        assertRejected(Reason.EXPIRED, () -> otp().verify("ann@example.com", wrong(issued.code())));
    }

    @Test
    void aCodeExpiresAtItsExpiryInstant() {
        IssuedCode issued = otp().issue("ann@example.com");
        clock.set(issued.expiresAt());
        assertRejected(Reason.EXPIRED, () -> otp().verify("ann@example.com", issued.code()));
    }

    @Test
    void aNewCodeRetiresTheOldOne() {
        IssuedCode first = otp().issue("ann@example.com");
        IssuedCode second = otp().issue("ann@example.com");
        while (second.code().equals(first.code())) {
            second = otp().issue("ann@example.com"); // one in a million: the codes must differ for this test
        }
        assertNotEquals(first.challengeId(), second.challengeId());
        String old = first.code();
        assertRejected(Reason.WRONG_CODE, () -> otp().verify("ann@example.com", old));
        assertEquals(second.challengeId(), otp().verify("ann@example.com", second.code()).challengeId());
    }

    @Test
    void anEmailWithoutCodesHasNoChallenge() {
        otp().issue("ann@example.com");
        assertRejected(Reason.NO_CHALLENGE, () -> otp().verify("nobody@example.com", "123456"));
    }

    @Test
    void malformedCodesAreInvalidInputAndCountNoAttempt() {
        IssuedCode issued = otp().issue("ann@example.com");
        List<String> malformed = new ArrayList<>(List.of("", " ", "abcdef", "12345", "1234567", "12 456", " 12345",
                "12345a", "-12345", "１２３４５６", "٣٣٣٣٣٣", issued.code() + " ", "0x1234"));
        malformed.add(null);
        List<Executable> checks = new ArrayList<>();
        for (int round = 0; round < 2; round++) { // more malformed calls than attempts allowed
            for (String code : malformed) {
                checks.add(() -> assertInvalid("code", () -> otp().verify("ann@example.com", code)));
            }
        }
        for (String email : List.of("", "not-an-email", "ann@")) {
            checks.add(() -> assertInvalid("email", () -> otp().verify(email, issued.code())));
            checks.add(() -> assertInvalid("email", () -> otp().issue(email)));
        }
        assertAll(checks);

        OtpRejectedException e = assertRejected(Reason.WRONG_CODE, () -> otp().verify("ann@example.com", wrong(issued.code())));
        assertEquals(POLICY.maxAttempts() - 1, e.attemptsLeft(), "malformed codes were not counted");
        assertEquals(issued.challengeId(), otp().verify("ann@example.com", issued.code()).challengeId());
    }

    @Test
    void purgeDeletesExpiredAndUsedChallengesOnly() {
        IssuedCode expired = otp().issue("expired@example.com");
        clock.advance(Duration.ofMinutes(5));
        IssuedCode used = otp().issue("used@example.com");
        otp().verify("used@example.com", used.code());
        IssuedCode wronged = otp().issue("wronged@example.com");
        assertRejected(Reason.WRONG_CODE, () -> otp().verify("wronged@example.com", wrong(wronged.code())));
        clock.advance(POLICY.timeToLive().minusMinutes(4)); // the first expired, the others live for 4 minutes
        IssuedCode live = otp().issue("live@example.com");

        assertEquals(2, otp().purgeExpired());

        assertRejected(Reason.NO_CHALLENGE, () -> otp().verify("expired@example.com", expired.code()));
        assertRejected(Reason.NO_CHALLENGE, () -> otp().verify("used@example.com", used.code()));
        assertEquals(live.challengeId(), otp().verify("live@example.com", live.code()).challengeId());
        OtpRejectedException e = assertRejected(Reason.WRONG_CODE,
                () -> otp().verify("wronged@example.com", wrong(wronged.code())));
        assertEquals(POLICY.maxAttempts() - 2, e.attemptsLeft(), "a live challenge keeps its count");
        assertEquals(wronged.challengeId(), otp().verify("wronged@example.com", wronged.code()).challengeId());

        assertEquals(2, otp().purgeExpired(), "the two codes verified since");
        assertEquals(0, otp().purgeExpired());
    }

    @Test
    void concurrentVerificationsOfOneCodeSucceedOnce() {
        for (int round = 0; round < 5; round++) {
            String email = "racer" + round + "@example.com";
            IssuedCode issued = otp().issue(email);
            List<Attempt<VerifiedCode>> attempts = race(8, thread -> otp().verify(email, issued.code()));

            long succeeded = attempts.stream().filter(Attempt::succeeded).count();
            assertEquals(1, succeeded, "round " + round + ": exactly one verification succeeds");
            for (Attempt<VerifiedCode> attempt : attempts) {
                if (!attempt.succeeded()) {
                    OtpRejectedException e = assertInstanceOf(OtpRejectedException.class, attempt.error());
                    assertEquals(Reason.ALREADY_USED, e.reason());
                }
            }
        }
    }

    @Test
    void concurrentWrongGuessesAreAllCounted() {
        IssuedCode issued = otp().issue("ann@example.com");
        String wrong = wrong(issued.code());
        List<Attempt<VerifiedCode>> attempts = race(8, thread -> otp().verify("ann@example.com", wrong));

        List<Reason> reasons = attempts.stream()
                .map(a -> assertInstanceOf(OtpRejectedException.class, a.error()).reason()).toList();
        assertEquals(POLICY.maxAttempts(), reasons.stream().filter(r -> r == Reason.WRONG_CODE).count(), reasons::toString);
        assertEquals(8 - POLICY.maxAttempts(), reasons.stream().filter(r -> r == Reason.TOO_MANY_ATTEMPTS).count());
        assertRejected(Reason.TOO_MANY_ATTEMPTS, () -> otp().verify("ann@example.com", issued.code()));
    }

    // ---- limits per email (issue 12) ----

    private static RateLimitedException assertRateLimited(String limit, Instant retryAt, Executable call) {
        RateLimitedException e = assertThrows(RateLimitedException.class, call);
        assertEquals(limit, e.limit(), e::getMessage);
        assertEquals(retryAt, e.retryAt(), e::getMessage);
        assertTrue(e.getMessage().contains(retryAt.toString()), "the message says when: " + e.getMessage());
        assertFalse(e.getMessage().contains("@"), "the message names no email: " + e.getMessage());
        return e;
    }

    @Test
    void issuesPerEmailAreLimitedPerWindowAndSayWhenToTryAgain() {
        Instant windowEnd = now().plus(POLICY.issueWindow());
        IssuedCode last = null;
        for (int i = 0; i < POLICY.maxIssues(); i++) {
            last = otp().issue("ann@example.com");
            clock.advance(Duration.ofMinutes(1));
        }
        RateLimitedException e = assertRateLimited("otp.issues", windowEnd, () -> otp().issue(" ANN@example.com"));
        assertEquals(Duration.between(now(), windowEnd), e.retryAfter());
        assertEquals(last.challengeId(), otp().verify("ann@example.com", last.code()).challengeId(),
                "a refused issue leaves the last code working");
        otp().issue("bob@example.com"); // other emails have their own limits

        clock.set(windowEnd.minusNanos(1000));
        assertRateLimited("otp.issues", windowEnd, () -> otp().issue("ann@example.com"));
        clock.set(windowEnd);
        IssuedCode fresh = otp().issue("ann@example.com");
        assertEquals(fresh.challengeId(), otp().verify("ann@example.com", fresh.code()).challengeId());
    }

    @Test
    void refusedVerificationsAcrossChallengesAreLimitedPerWindow() {
        Genstore limited = openStore(new OtpPolicy(6, Duration.ofMinutes(10), 5).limits(100, Duration.ofHours(1), 7,
                Duration.ofHours(24)));
        Instant windowEnd = now().plus(Duration.ofHours(24));
        IssuedCode first = limited.otp().issue("ann@example.com");
        assertRejected(Reason.WRONG_CODE, () -> limited.otp().verify("ann@example.com", wrong(first.code())));
        assertRejected(Reason.NO_CHALLENGE, () -> limited.otp().verify("nobody@example.com", "123456"));
        // The old attack: re-issue a code after every few wrong guesses. Every kind of refusal counts.
        for (int refused = 1; refused < 6; refused++) {
            clock.advance(Duration.ofMinutes(1));
            IssuedCode again = limited.otp().issue("ann@example.com");
            assertRejected(Reason.WRONG_CODE, () -> limited.otp().verify("ann@example.com", wrong(again.code())));
        }
        IssuedCode current = limited.otp().issue("ann@example.com");
        limited.otp().verify("ann@example.com", current.code()); // a success is not counted
        assertRejected(Reason.ALREADY_USED, () -> limited.otp().verify("ann@example.com", current.code())); // 7th

        assertRateLimited("otp.failures", windowEnd, () -> limited.otp().issue("ann@example.com"));
        assertRateLimited("otp.failures", windowEnd, () -> limited.otp().verify("ann@example.com", current.code()));
        assertRateLimited("otp.failures", windowEnd, () -> limited.otp().verify("ann@example.com", "123456"));
        assertRejected(Reason.NO_CHALLENGE, () -> limited.otp().verify("nobody@example.com", "123456"));

        clock.set(windowEnd);
        IssuedCode fresh = limited.otp().issue("ann@example.com");
        assertEquals(fresh.challengeId(), limited.otp().verify("ann@example.com", fresh.code()).challengeId(),
                "the window over, codes work again");
    }

    @Test
    void theDefaultsMakeASixDigitCodeInfeasibleToGuess() {
        assertEquals(6, POLICY.codeLength());
        // A guesser re-issuing codes as fast as the limits allow, for one failure window (a day by default).
        Instant end = now().plus(POLICY.failureWindow());
        int wrongGuesses = 0;
        while (now().isBefore(end)) {
            try {
                IssuedCode issued = otp().issue("victim@example.com");
                for (int i = 0; i < POLICY.maxAttempts(); i++) {
                    try {
                        otp().verify("victim@example.com", wrong(issued.code()));
                    } catch (OtpRejectedException e) {
                        wrongGuesses++;
                    }
                }
            } catch (RateLimitedException e) {
                clock.set(e.retryAt());
            }
        }
        assertEquals(POLICY.maxFailures(), wrongGuesses);
        double perYear = (double) POLICY.maxFailures() * Duration.ofDays(365).dividedBy(POLICY.failureWindow())
                / Math.pow(10, POLICY.codeLength());
        assertTrue(perYear < 0.01, "chance to guess one email's code within a year: " + perYear);
    }

    @Test
    void thePublicMessageDoesNotTellWhetherACodeWasIssued() {
        IssuedCode issued = otp().issue("ann@example.com");
        OtpRejectedException wrongCode = assertRejected(Reason.WRONG_CODE,
                () -> otp().verify("ann@example.com", wrong(issued.code())));
        OtpRejectedException noChallenge = assertRejected(Reason.NO_CHALLENGE,
                () -> otp().verify("nobody@example.com", wrong(issued.code())));
        assertEquals(wrongCode.publicMessage(), noChallenge.publicMessage());
        assertEquals(OtpRejectedException.PUBLIC_MESSAGE, wrongCode.publicMessage());
        for (OtpRejectedException e : List.of(wrongCode, noChallenge)) {
            assertFalse(e.getMessage().contains("@") || e.getMessage().contains(issued.code())
                    || e.getMessage().contains(wrong(issued.code())), e.getMessage());
        }
    }

    @Test
    void limitsHoldAcrossStoresOverOneDatabase() {
        OtpPolicy policy = new OtpPolicy(6, Duration.ofMinutes(10), 5).limits(3, Duration.ofHours(1), 4,
                Duration.ofHours(1));
        List<Storage> storages = twoStoragesOfOneDatabase();
        Genstore first = openStore(b -> b.storage(storages.get(0)).otpPolicy(policy));
        Genstore second = openStore(b -> b.storage(storages.get(1)).otpPolicy(policy));
        first.otp().issue("ann@example.com");
        second.otp().issue("ann@example.com");
        IssuedCode third = first.otp().issue("ann@example.com");
        assertThrows(RateLimitedException.class, () -> second.otp().issue("ann@example.com"));

        for (int i = 0; i < 2; i++) {
            assertRejected(Reason.WRONG_CODE, () -> first.otp().verify("ann@example.com", wrong(third.code())));
            assertRejected(Reason.WRONG_CODE, () -> second.otp().verify("ann@example.com", wrong(third.code())));
        }
        assertRateLimited("otp.failures", now().plus(Duration.ofHours(1)),
                () -> first.otp().verify("ann@example.com", third.code()));
        assertThrows(RateLimitedException.class, () -> second.otp().verify("ann@example.com", third.code()));
    }

    @Test
    void concurrentIssuesForOneEmailStopAtTheLimit() {
        List<Attempt<IssuedCode>> attempts = race(12, thread -> otp().issue("ann@example.com"));
        long issued = attempts.stream().filter(Attempt::succeeded).count();
        assertEquals(POLICY.maxIssues(), issued, attempts::toString);
        for (Attempt<IssuedCode> attempt : attempts) {
            if (!attempt.succeeded()) {
                assertEquals("otp.issues", assertInstanceOf(RateLimitedException.class, attempt.error()).limit());
            }
        }
        IssuedCode newest = attempts.stream().filter(Attempt::succeeded).map(Attempt::value)
                .filter(code -> {
                    try {
                        return otp().verify("ann@example.com", code.code()) != null;
                    } catch (OtpRejectedException e) {
                        return false;
                    }
                }).findFirst().orElse(null);
        assertTrue(newest != null, "one of the issued codes (the last one stored) verifies");
    }

    @Test
    void racingIssuesAndGuessesNeverExceedTheLimits() {
        Genstore limited = openStore(new OtpPolicy(6, Duration.ofMinutes(10), 100).limits(4, Duration.ofHours(1), 6,
                Duration.ofHours(1)));
        // Half the threads issue, half guess. A guess matches a stored code one time in a million: not counted then.
        List<Attempt<Object>> attempts = race(16, thread -> thread % 2 == 0
                ? limited.otp().issue("ann@example.com")
                : limited.otp().verify("ann@example.com", "000000"));
        long issued = attempts.stream().filter(a -> a.succeeded() && a.value() instanceof IssuedCode).count();
        long refused = attempts.stream().filter(a -> a.error() instanceof OtpRejectedException).count();
        for (Attempt<Object> attempt : attempts) {
            if (!attempt.succeeded() && !(attempt.error() instanceof OtpRejectedException)) {
                assertInstanceOf(RateLimitedException.class, attempt.error(), () -> String.valueOf(attempt.error()));
            }
        }
        assertTrue(issued <= 4, attempts::toString);
        assertEquals(6, refused, attempts::toString);
        assertThrows(RateLimitedException.class, () -> limited.otp().issue("ann@example.com"));
        assertThrows(RateLimitedException.class, () -> limited.otp().verify("ann@example.com", "000000"));
    }
}
