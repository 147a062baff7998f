package dev.genstore.spi;

import dev.genstore.prompts.Prompt;
import dev.genstore.prompts.PromptId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Storage of prompts, their per-model use counts and their full-text index. A concurrent insert of the same hash is a
 * retryable storage failure; {@link #countUse} serializes uses of one prompt (row lock, or the single writer).
 */
public interface PromptRepository {
    Optional<Prompt> findByHash(String hash);

    Optional<Prompt> find(PromptId id);

    /**
     * Inserts a prompt with its search terms: the distinct terms of its text, each only letters, digits and marks (no
     * space, quote or operator), for the backend's full-text index.
     */
    void insert(Prompt prompt, List<String> searchTerms);

    /** Adds one use at {@code at} to the prompt's total and last-used time. */
    void countUse(PromptId id, Instant at);

    /** Adds one use of the prompt with this model. */
    void countModelUse(PromptId id, String model);

    Map<String, Long> modelUses(PromptId id);

    /** A page of a search: prompts holding every term, optionally used with {@code model}. */
    List<Scored> search(List<String> terms, String model, Double afterScore, PromptId afterId, int limit);

    /** A prompt with its search score: lower is more relevant. */
    record Scored(Prompt prompt, double score) {
    }

    /** Prompts by total uses descending, then id; after ({@code afterUses}, {@code afterId}) when given. */
    List<Prompt> popular(String model, Long afterUses, PromptId afterId, int limit);

    /** Prompts by last use descending, then id; after ({@code afterTime}, {@code afterId}) when given. */
    List<Prompt> recent(String model, Instant afterTime, PromptId afterId, int limit);

    /** Stores the prompt's thumbnail, replacing an older one. */
    void putThumbnail(PromptThumbnailRow thumbnail);

    Optional<PromptThumbnailRow> thumbnail(PromptId id);

    /** The blob-store keys of the thumbnails of prompts last used before {@code cutoff}. */
    List<String> thumbnailKeysUnusedBefore(Instant cutoff);

    long countThumbnails();

    /** Deletes prompts without a thumbnail with their model counts; returns how many. */
    int deleteWithoutThumbnails();

    long countPrompts();

    long sumUses();

    Map<String, Long> usesPerModel();

    /** Deletes the prompt with its thumbnail row and model counts; returns whether it existed. */
    boolean delete(PromptId id);

    /** Deletes prompts last used before {@code cutoff} with their model counts; returns how many. */
    int deleteUnusedBefore(Instant cutoff);
}
