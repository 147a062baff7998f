package dev.genstore.auth;

import dev.genstore.errors.GenstoreException;

/**
 * A code was refused; {@link #reason()} says why. A wrong guess is counted (and that count is committed) before this
 * is thrown, so retrying with guesses runs into {@link Reason#TOO_MANY_ATTEMPTS}.
 */
public class OtpRejectedException extends GenstoreException {
    private static final long serialVersionUID = 1L;

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

    /** Why the code was refused. */
    public Reason reason() {
        return reason;
    }

    /** Guesses still allowed on this challenge; 0 unless the reason is {@link Reason#WRONG_CODE}. */
    public int attemptsLeft() {
        return attemptsLeft;
    }
}
