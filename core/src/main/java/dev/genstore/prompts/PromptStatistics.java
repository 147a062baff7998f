package dev.genstore.prompts;

import java.util.Map;

/**
 * Figures of the whole library.
 *
 * @param prompts      distinct prompts
 * @param uses         total uses of all prompts
 * @param thumbnails   prompts that have a thumbnail
 * @param usesPerModel uses per model, by model name
 */
public record PromptStatistics(long prompts, long uses, long thumbnails, Map<String, Long> usesPerModel) {
    public PromptStatistics {
        usesPerModel = Map.copyOf(usesPerModel);
    }
}
