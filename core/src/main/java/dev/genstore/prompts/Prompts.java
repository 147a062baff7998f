package dev.genstore.prompts;

import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The prompt library. Spellings that normalize alike ({@link PromptNormalizer}) are one prompt, even when recorded
 * concurrently. Every method is one transaction (or joins the caller's {@code genstore.transaction}). Where a method
 * takes a {@code model}, {@code null} means every model.
 */
public interface Prompts {
    /**
     * Records one use of {@code text} with {@code model}: creates the prompt, or counts one more use (total, last used,
     * per model), atomically.
     *
     * @throws dev.genstore.errors.InvalidInputException when the text is blank, longer than 20,000 characters or has
     *                                                   control characters other than line breaks and tabs
     */
    Prompt record(String text, String model);

    /**
     * Like {@link #record(String, String)}, and when {@code image} is not null, makes a WebP thumbnail of it (256 px on
     * the long side, the aspect ratio kept) and stores it as the prompt's thumbnail, replacing an older one. The image
     * is decoded and encoded before anything is written.
     *
     * @throws dev.genstore.images.InvalidImageException  when the bytes are not a readable image
     * @throws dev.genstore.images.ImageTooLargeException when they exceed the store's image policy
     */
    Prompt record(String text, String model, byte[] image);

    /**
     * Like {@link #record(String, String, byte[])}, choosing what happens when the image cannot be read:
     * {@link BrokenImage#REFUSE} throws as that method does, {@link BrokenImage#SKIP_THUMBNAIL} records the use anyway
     * and says in the result that the thumbnail was skipped and why. Bad text or model is refused either way.
     *
     * @throws dev.genstore.images.InvalidImageException when the image cannot be read and {@code onBrokenImage} is
     *                                                   {@link BrokenImage#REFUSE}
     * @throws dev.genstore.errors.InvalidInputException (field {@code onBrokenImage}) when it is null
     */
    RecordedUse record(String text, String model, byte[] image, BrokenImage onBrokenImage);

    /**
     * Deletes the prompt with its uses per model and its thumbnail. A thumbnail kept in the blob store goes too: in the
     * same transaction when blobs live in the database, otherwise once the deletion has committed.
     *
     * @throws dev.genstore.errors.NotFoundException when there is no such prompt
     */
    void delete(PromptId id);

    /** The prompt's thumbnail, if it has one. */
    Optional<PromptThumbnail> thumbnail(PromptId id);

    /** The prompt, if it exists. */
    Optional<Prompt> find(PromptId id);

    /** The prompt that {@code text} normalizes to, if it was recorded. */
    Optional<Prompt> findByText(String text);

    /** Uses of the prompt per model. @throws dev.genstore.errors.NotFoundException when there is no such prompt */
    Map<String, Long> modelUses(PromptId id);

    /**
     * Prompts containing, for every word of {@code query}, a word that begins with it ("sun" finds "sunset", "mountain"
     * finds "mountains"), most relevant first. The query is data, never syntax: it is cut into words (letters and
     * digits; Chinese and Japanese text into characters and two-character pairs) and quotes, operators and SQL in it
     * match nothing but their words. A query with no letter or digit (such as {@code "!!!"}) finds nothing: an empty
     * page.
     *
     * @throws dev.genstore.errors.InvalidInputException (field {@code query}) when it is null, blank, longer than 1,000
     *                                                   characters, or has more than 32 words
     */
    Page<Prompt> search(String query, String model, PageRequest page);

    /** Prompts by total uses, most used first (ties by id). */
    Page<Prompt> mostPopular(String model, PageRequest page);

    /** Prompts by last use, most recent first (ties by id). */
    Page<Prompt> mostRecent(String model, PageRequest page);

    /** Counts of prompts and uses, per model too. */
    PromptStatistics statistics();

    /** Deletes every prompt last used before {@code cutoff}; returns how many. */
    int deleteUnusedSince(Instant cutoff);

    /** Deletes every prompt that has no thumbnail; returns how many. */
    int deleteWithoutThumbnails();
}
