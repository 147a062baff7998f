package dev.genstore.qa;

import dev.genstore.errors.InvalidInputException;

/**
 * How regeneration jobs are made.
 *
 * @param provider    the provider of a regeneration job when the image came from no job (otherwise the job's own)
 * @param maxAttempts attempts a regeneration job gets before it is FAILED (1 to 1000)
 * @param priority    the regeneration job's priority
 */
public record QaPolicy(String provider, int maxAttempts, int priority) {
    /** Provider {@code regeneration}, 3 attempts, priority 0. */
    public static final QaPolicy DEFAULT = new QaPolicy("regeneration", 3, 0);

    public QaPolicy {
        if (provider == null || !provider.matches("^[a-z0-9][a-z0-9_.-]{0,63}$")) {
            throw new InvalidInputException("provider", "must be lower-case letters, digits, '_', '.' or '-', was " + InvalidInputException.quote(provider));
        }
        if (maxAttempts < 1 || maxAttempts > 1000) {
            throw new InvalidInputException("maxAttempts", "must be between 1 and 1000, was " + maxAttempts);
        }
    }
}
