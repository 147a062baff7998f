package dev.genstore.prompts;

import java.time.Instant;

/**
 * One prompt of the library: every spelling that normalizes to the same text is this one prompt.
 *
 * @param id          its id
 * @param text        the spelling it was first recorded with, trimmed
 * @param normalized  the normalized text ({@link PromptNormalizer#normalize})
 * @param hash        lower-case hex SHA-256 of the normalized text: its identity
 * @param totalUses   how many times it was recorded
 * @param firstUsedAt when it was first recorded
 * @param lastUsedAt  when it was last recorded
 */
public record Prompt(PromptId id, String text, String normalized, String hash, long totalUses, Instant firstUsedAt,
                     Instant lastUsedAt) {
}
