package dev.genstore.budget;

import java.time.Instant;

/**
 * A limit's threshold crossed in one period; recorded once per limit, threshold and period.
 *
 * @param id        its id
 * @param limitId   the limit
 * @param periodKey the period, e.g. {@code 2025-03-09} or {@code 2025-03}
 * @param threshold the threshold in percent
 * @param spent     spend in the period when it was crossed
 * @param amount    the limit's amount then
 * @param createdAt when it was recorded
 */
public record BudgetAlert(AlertId id, BudgetLimitId limitId, String periodKey, int threshold, long spent, long amount,
                          Instant createdAt) {
}
