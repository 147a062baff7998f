package dev.genstore.ops;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link Operations#purge} removed (or, in a dry run, would have removed), per category in the order they ran:
 * the keys are the constants of {@link PurgeRequest} (e.g. {@value PurgeRequest#ONE_TIME_PASSWORDS}); only the
 * categories the request named appear, with 0 when there was nothing to remove.
 *
 * @param dryRun  true when nothing was removed
 * @param removed how many of each category
 */
public record PurgeReport(boolean dryRun, Map<String, Long> removed) {
    public PurgeReport {
        removed = Collections.unmodifiableMap(new LinkedHashMap<>(removed));
    }

    /** The sum over every category. */
    public long total() {
        return removed.values().stream().mapToLong(Long::longValue).sum();
    }
}
