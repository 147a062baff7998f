package dev.genstore.auth;

import dev.genstore.errors.InvalidInputException;
import java.util.UUID;

/** Identifies one one-time-password challenge (a time-ordered UUID). */
public record ChallengeId(UUID value) {
    public ChallengeId {
        if (value == null) {
            throw new InvalidInputException("challengeId", "must not be null");
        }
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
