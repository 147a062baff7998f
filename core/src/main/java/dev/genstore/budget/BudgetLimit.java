package dev.genstore.budget;

import java.time.Instant;
import java.util.List;

/**
 * A spending limit on one provider, or on all providers together ({@link #provider} null), for a calendar period.
 *
 * @param id         its id
 * @param provider   the provider it applies to, or {@code null} for a global limit
 * @param period     daily or monthly
 * @param currency   the currency of {@link #amount}; the limit counts spend in this currency only
 * @param amount     the limit in micro-units
 * @param thresholds alert thresholds in percent of the amount, ascending
 * @param hard       true when {@code authorize} refuses to go past it; false for a limit that only alerts
 * @param createdAt  when it was first set
 * @param updatedAt  when it was last changed
 */
public record BudgetLimit(BudgetLimitId id, String provider, BudgetPeriod period, String currency, long amount,
                          List<Integer> thresholds, boolean hard, Instant createdAt, Instant updatedAt) {
    public BudgetLimit {
        thresholds = List.copyOf(thresholds);
    }

    /** True when it limits every provider together. */
    public boolean global() {
        return provider == null;
    }

    /** A description for messages, e.g. {@code DAILY openai USD}. */
    public String describe() {
        return period + " " + (provider == null ? "global" : provider) + " " + currency;
    }
}
