package dev.genstore.auth;

import dev.genstore.errors.GenstoreException;

/**
 * A code was refused; {@link #reason()} says why. A wrong guess is counted (and that count is committed) before this
 * is thrown, so retrying with guesses runs into {@link Reason#TOO_MANY_ATTEMPTS}, and every refusal counts against
 * the email's refused verifications per window (then {@link dev.genstore.errors.RateLimitedException}).
 *
 * <p><b>What to show the public:</b> {@link #publicMessage()}, the same text for every reason. The {@link #reason()},
 * {@link #attemptsLeft()} and {@link #getMessage()} tell whether a code was issued for the email
 * ({@link Reason#NO_CHALLENGE} versus {@link Reason#WRONG_CODE}): they are for logs and operators, not for a sign-in
 * page, where they would let anyone probe which emails asked for codes.
 */
public class OtpRejectedException extends GenstoreException {
    private static final long serialVersionUID = 1L;
    /** The text of {@link #publicMessage()}. */
    public static final String PUBLIC_MESSAGE = "This code is not valid. Check it, or request a new code.";

    /** Why a code was refused. */
    public enum Reason {
        /** No challenge was issued for this email (or it was purged). */
        NO_CHALLENGE,
        /** The code does not match; {@link #attemptsLeft()} more guesses are allowed. */
        WRONG_CODE,
        /** The challenge expired; issue a new code. */
        EXPIRED,
        /** The challenge was already used to verify; issue a new code. */
        ALREADY_USED,
        /** Too many wrong guesses; issue a new code. */
        TOO_MANY_ATTEMPTS
    }

    private final Reason reason;
    private final int attemptsLeft;

    public OtpRejectedException(Reason reason, int attemptsLeft) {
        super("one-time code refused: " + reason + (reason == Reason.WRONG_CODE ? " (" + attemptsLeft + " attempts left)" : ""));
        this.reason = reason;
        this.attemptsLeft = attemptsLeft;
    }

    /**
     * The same text whatever the reason, revealing neither whether a code was issued for the email nor how many
     * guesses are left: what a sign-in page should show.
     */
    public String publicMessage() {
        return PUBLIC_MESSAGE;
    }

    /** Why the code was refused; for logs and operators (see the class comment). */
    public Reason reason() {
        return reason;
    }

    /** Guesses still allowed on this challenge; 0 unless the reason is {@link Reason#WRONG_CODE}. */
    public int attemptsLeft() {
        return attemptsLeft;
    }
}
