package dev.genstore.budget;

import java.util.List;

/**
 * What {@link Budgets#setLimit} sets: one limit per scope (a provider, or global), period and currency. Make one with
 * {@link #global} or {@link #provider}, then adjust {@link #thresholds} or make it {@link #soft}.
 *
 * @param provider   the provider, or {@code null} for a global limit
 * @param period     daily or monthly
 * @param amount     the limit with its currency
 * @param thresholds alert thresholds in percent (1 to 1000), or {@code null} for the budget policy's default
 * @param hard       whether {@code authorize} enforces it
 */
public record LimitSpec(String provider, BudgetPeriod period, Cost amount, List<Integer> thresholds, boolean hard) {
    /** A hard limit on all providers together, with the default thresholds. */
    public static LimitSpec global(BudgetPeriod period, Cost amount) {
        return new LimitSpec(null, period, amount, null, true);
    }

    /** A hard limit on one provider, with the default thresholds. */
    public static LimitSpec provider(String provider, BudgetPeriod period, Cost amount) {
        return new LimitSpec(provider, period, amount, null, true);
    }

    /** The same limit with these alert thresholds, in percent. */
    public LimitSpec thresholds(Integer... percents) {
        return new LimitSpec(provider, period, amount, percents == null ? null : java.util.Collections.unmodifiableList(java.util.Arrays.asList(percents.clone())), hard);
    }

    /** The same limit, alerting only: {@code authorize} does not enforce it. */
    public LimitSpec soft() {
        return new LimitSpec(provider, period, amount, thresholds, false);
    }
}
