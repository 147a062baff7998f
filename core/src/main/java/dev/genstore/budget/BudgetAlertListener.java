package dev.genstore.budget;

/**
 * Told of each {@link BudgetAlert} as it happens, so an application can push it (mail, chat, a pager) instead of
 * polling {@link Budgets#alerts}. Register it with {@code Genstore.builder().budgetAlertListener(listener)}.
 *
 * <p>Guarantees: called after the transaction that crossed the threshold has committed (in the thread that made the
 * call, once {@code record} or {@code settle} — or the outermost {@code genstore.transaction} around them — has
 * committed), never for a transaction that rolled back, and once per recorded alert (once per limit, threshold and
 * period, as alerts are recorded), including when a transient conflict made genstore run the transaction again. An
 * exception it throws is logged (SLF4J logger {@code dev.genstore.budget.alerts}) and never reaches the caller, whose
 * work has committed. A listener that is slow delays the caller's return: hand slow work to an executor.
 */
@FunctionalInterface
public interface BudgetAlertListener {
    /** Called once for each alert recorded by a committed transaction. */
    void onAlert(BudgetAlert alert);
}
