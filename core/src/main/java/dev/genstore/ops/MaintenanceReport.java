package dev.genstore.ops;

import java.util.List;

/**
 * What {@link Operations#maintain()} did, one line per step in the order run (e.g. {@code "analyze"},
 * {@code "wal_checkpoint(TRUNCATE): busy=0, log=0, checkpointed=0"}), steps skipped included with the reason.
 *
 * @param steps the steps, for a human or a log
 */
public record MaintenanceReport(List<String> steps) {
    public MaintenanceReport {
        steps = List.copyOf(steps);
    }
}
