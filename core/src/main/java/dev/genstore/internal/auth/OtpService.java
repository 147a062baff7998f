package dev.genstore.internal.auth;

import dev.genstore.auth.ChallengeId;
import dev.genstore.auth.IssuedCode;
import dev.genstore.auth.OneTimePasswords;
import dev.genstore.auth.OtpPolicy;
import dev.genstore.auth.OtpRejectedException.Reason;
import dev.genstore.auth.OtpRejectedException;
import dev.genstore.auth.VerifiedCode;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.spi.OtpChallengeRecord;
import dev.genstore.spi.OtpLimitRecord;
import dev.genstore.spi.Repositories;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;

/** One-time passwords: codes from a {@link SecureRandom}, stored as salted SHA-256, compared in constant time. */
public final class OtpService implements OneTimePasswords {
    private final ServiceContext context;
    private final OtpPolicy policy;
    private static final byte[] DUMMY_SALT = new byte[16];
    private final SecureRandom random = new SecureRandom();

    public OtpService(ServiceContext context, OtpPolicy policy) {
        this.context = context;
        this.policy = policy;
    }

    @Override
    public IssuedCode issue(String email) {
        String normalized = Validate.email(email);
        StringBuilder code = new StringBuilder(policy.codeLength());
        for (int i = 0; i < policy.codeLength(); i++) {
            code.append((char) ('0' + random.nextInt(10)));
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        Instant now = context.now();
        ChallengeId id = new ChallengeId(context.newId());
        Instant expiresAt = now.plus(policy.timeToLive());
        OtpChallengeRecord challenge = new OtpChallengeRecord(id, normalized, salt, hash(salt, code.toString()), 0,
                policy.maxAttempts(), now, expiresAt, null);
        context.storage().write(r -> {
            OtpLimitRecord limits = r.otp().lockLimits(normalized, now);
            r.otp().updateLimits(OtpLimits.afterIssue(limits, now, policy)); // throws (nothing written) when over a limit
            r.otp().deleteByEmail(normalized); // one live challenge per email: a new code retires the old ones
            r.otp().insert(challenge);
            return null;
        });
        return new IssuedCode(id, normalized, code.toString(), expiresAt);
    }

    /** The outcome of one verification, decided and committed before anything is thrown. */
    private record Outcome(VerifiedCode verified, Reason reason, int attemptsLeft) {
    }

    @Override
    public VerifiedCode verify(String email, String code) {
        String normalized = Validate.email(email);
        Validate.notNull("code", code);
        if (code.length() != policy.codeLength() || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidInputException("code", "must be " + policy.codeLength() + " digits");
        }
        // The wrong-guess and failure counts must be committed, so the transaction returns the outcome and we throw
        // after it. The email's limits row is locked first: it serializes issue and verification of one email.
        Outcome outcome = context.storage().write(r -> {
            Instant now = context.now();
            OtpLimitRecord limits = r.otp().lockLimits(normalized, now);
            OtpLimits.requireVerificationsLeft(limits, now, policy); // throws (nothing written) when used up
            Optional<OtpChallengeRecord> latest = r.otp().latestForUpdate(normalized);
            Outcome checked = check(r, latest, code, now);
            if (checked.verified() == null) {
                r.otp().updateLimits(OtpLimits.afterFailure(limits, now, policy));
            }
            return checked;
        });
        if (outcome.verified() == null) {
            throw new OtpRejectedException(outcome.reason(), outcome.attemptsLeft());
        }
        return outcome.verified();
    }

    private Outcome check(Repositories r, Optional<OtpChallengeRecord> latest, String code, Instant now) {
        if (latest.isEmpty()) {
            hash(DUMMY_SALT, code); // the same work as a wrong code, so timing does not tell whether one was issued
            return new Outcome(null, Reason.NO_CHALLENGE, 0);
        }
        OtpChallengeRecord challenge = latest.get();
        if (challenge.usedAt() != null) {
            return new Outcome(null, Reason.ALREADY_USED, 0);
        }
        if (!now.isBefore(challenge.expiresAt())) {
            return new Outcome(null, Reason.EXPIRED, 0);
        }
        if (challenge.attempts() >= challenge.maxAttempts()) {
            return new Outcome(null, Reason.TOO_MANY_ATTEMPTS, 0);
        }
        if (!MessageDigest.isEqual(challenge.codeHash(), hash(challenge.salt(), code))) {
            r.otp().recordFailedAttempt(challenge.id());
            return new Outcome(null, Reason.WRONG_CODE, challenge.maxAttempts() - challenge.attempts() - 1);
        }
        r.otp().markUsed(challenge.id(), now);
        return new Outcome(new VerifiedCode(challenge.id(), challenge.email(), now), null, 0);
    }

    @Override
    public int purgeExpired() {
        Instant now = context.now();
        return context.storage().write(r -> {
            r.otp().deleteEndedLimits(now);
            return r.otp().deleteExpiredOrUsed(now);
        });
    }

    private static byte[] hash(byte[] salt, String code) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            digest.update(code.getBytes(StandardCharsets.US_ASCII));
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
