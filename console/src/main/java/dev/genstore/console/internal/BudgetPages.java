package dev.genstore.console.internal;

import dev.genstore.budget.BudgetAlert;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.BudgetStatus;
import dev.genstore.budget.PeriodRange;
import dev.genstore.budget.SpendSummary;
import dev.genstore.paging.Page;
import java.util.Map;

/** Budgets: each limit with its spend in the current period, spend per provider and model, and the alerts. */
final class BudgetPages {
    private BudgetPages() {
    }

    static void register(ConsoleServer server) {
        server.get("/budgets", (request, view) -> {
            Html body = new Html().add("<h2>Limits</h2><table id=\"limits\"><thead><tr><th>Provider</th><th>Period</th><th>Limit</th>"
                    + "<th>Spent</th><th>Reserved</th><th>Remaining</th><th></th><th>Hard</th><th>Alerts at</th></tr></thead><tbody>");
            for (BudgetStatus status : view.store.budgets().statuses()) {
                body.add("<tr class=\"limit\"><td>{}</td><td>{} ({})</td><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} %</td></tr>",
                        status.limit().provider() == null ? "all providers" : status.limit().provider(), status.limit().period(),
                        status.period().key(), status.limit().amount(), status.limit().currency(), status.spent(), status.reserved(),
                        status.remaining(), Charts.gauge(status.spent(), status.reserved(), status.limit().amount()),
                        status.limit().hard() ? "yes" : "no", status.limit().thresholds());
            }
            body.add("</tbody></table>");
            for (BudgetPeriod period : BudgetPeriod.values()) {
                PeriodRange range = view.store.budgets().currentPeriod(period);
                body.add("<h2>Spend this {} ({})</h2><table class=\"spend\" id=\"spend-{}\"><thead><tr><th>Provider</th><th>Model</th>"
                        + "<th>Total</th><th>Records</th></tr></thead><tbody>", period == BudgetPeriod.DAILY ? "day" : "month", range.key(),
                        period.name().toLowerCase(java.util.Locale.ROOT));
                for (SpendSummary spend : view.store.budgets().spend(range.start(), range.end())) {
                    body.add("<tr><td>{}</td><td>{}</td><td>{} {}</td><td>{}</td></tr>", spend.provider(), spend.model(), spend.total(),
                            spend.currency(), spend.records());
                }
                body.add("</tbody></table>");
            }
            Page<BudgetAlert> alerts = view.store.budgets().alerts(Inputs.page(request));
            body.add("<h2>Alerts</h2><table id=\"alerts\"><thead><tr><th>Limit</th><th>Period</th><th>Threshold</th><th>Spent of limit</th>"
                    + "<th>At</th></tr></thead><tbody>");
            for (BudgetAlert alert : alerts.items()) {
                body.add("<tr><td>{}</td><td>{}</td><td>{} %</td><td>{} of {}</td><td>{}</td></tr>", alert.limitId(), alert.periodKey(),
                        alert.threshold(), alert.spent(), alert.amount(), View.time(alert.createdAt()));
            }
            body.add("</tbody></table>").add(View.nextLink("/budgets", Map.of(), alerts.nextCursor()));
            return view.page("Budgets", body);
        });
    }
}
