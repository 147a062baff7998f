package dev.genstore.auth;

import dev.genstore.errors.InvalidInputException;

/**
 * One-time-password challenges for email sign-in. Only a salted SHA-256 hash of each code is stored; codes are
 * compared in constant time; expiry comes from the store's clock.
 */
public interface OneTimePasswords {

    /**
     * Issues a new code for an email. Earlier unused codes for the same email stop working.
     *
     * @throws InvalidInputException when the email is malformed
     */
    IssuedCode issue(String email);

    /**
     * Checks a code against the latest challenge of the email and, when it matches, marks the challenge used.
     *
     * @throws OtpRejectedException  with the reason when the code is wrong, expired, used or locked
     * @throws InvalidInputException when the email or code is malformed (nothing is counted then)
     */
    VerifiedCode verify(String email, String code);

    /** Deletes challenges that expired or were used before now. Returns how many were deleted. */
    int purgeExpired();
}
