package dev.genstore.budget;

/**
 * Where a limit stands in its current period.
 *
 * @param limit     the limit
 * @param period    the current period
 * @param spent     spend recorded in it
 * @param reserved  live reservations in it
 * @param remaining {@code amount - spent - reserved}, never below zero
 */
public record BudgetStatus(BudgetLimit limit, PeriodRange period, long spent, long reserved, long remaining) {
}
