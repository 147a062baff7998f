package dev.genstore.console.internal;

import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.IntegrityReport;
import dev.genstore.ops.MaintenanceReport;
import dev.genstore.ops.PurgeReport;
import dev.genstore.ops.PurgeRequest;
import dev.genstore.ops.SizeReport;
import java.util.Optional;

/** Health: the last verify report, sizes, schema version; verify, maintenance and a purge dry run on demand. */
final class HealthPages {
    private HealthPages() {
    }

    static void register(ConsoleServer server) {
        server.get("/health", (request, view) -> view.page("Health", health(view, new Html())));
        server.post("/health/verify", (request, view) -> {
            IntegrityReport report = view.store.operations().verify();
            return view.page("Health", health(view, new Html().add("<p class=\"result\" id=\"result\">Verify found {} problem(s).</p>",
                    report.problems().size())));
        });
        server.post("/health/maintain", (request, view) -> {
            MaintenanceReport report = view.store.operations().maintain();
            return view.page("Health", health(view, new Html().add("<p class=\"result\" id=\"result\">Maintenance ran: {}.</p>",
                    String.join(", ", report.steps()))));
        });
        server.post("/health/purge-dry-run", (request, view) -> {
            PurgeReport report = view.store.operations().purge(PurgeRequest.everything().dryRun(true));
            Html result = new Html().add("<div class=\"result\" id=\"result\"><p>A purge would remove (dry run, nothing removed):</p><ul>");
            report.removed().forEach((what, count) -> result.add("<li>{}: {}</li>", what, count));
            return view.page("Health", health(view, result.add("</ul></div>")));
        });
    }

    private static Html health(View view, Html result) {
        Html body = new Html().add(result.toSafe());
        body.add("<dl><dt>Backend</dt><dd>{}</dd><dt>Schema version</dt><dd id=\"schema-version\">{}</dd></dl>",
                view.store.backend(), view.store.operations().schemaVersion().orElse("–"));
        if (view.canAct()) {
            body.add("<p class=\"actions\">{}{}{}</p>", view.button("/health/verify", "Verify now", "verify"),
                    view.button("/health/maintain", "Run maintenance", "maintain"),
                    view.button("/health/purge-dry-run", "Purge (dry run)", "purge-dry-run"));
        }
        Optional<IntegrityReport> last = view.store.operations().lastVerification();
        body.add("<h2>Last verify</h2>");
        if (last.isEmpty()) {
            body.add("<p id=\"verify-report\">Not verified since the store was opened.</p>");
        } else if (last.get().problems().isEmpty()) {
            body.add("<p id=\"verify-report\">No problems.</p>");
        } else {
            body.add("<table id=\"verify-report\"><thead><tr><th>Check</th><th>Subject</th><th>Detail</th></tr></thead><tbody>");
            for (IntegrityProblem problem : last.get().problems()) {
                body.add("<tr><td>{}</td><td>{}</td><td>{}</td></tr>", problem.check(), problem.subject(), problem.detail());
            }
            body.add("</tbody></table>");
        }
        SizeReport sizes = view.store.operations().sizes();
        body.add("<h2>Sizes</h2><dl><dt>Database</dt><dd>{}</dd><dt>Blobs</dt><dd>{}</dd></dl><table id=\"rows\"><thead><tr><th>Table</th>"
                + "<th>Rows</th></tr></thead><tbody>", OverviewPage.bytes(sizes.databaseBytes()), OverviewPage.bytes(sizes.blobBytes()));
        sizes.rowsPerTable().forEach((table, rows) -> body.add("<tr><td>{}</td><td>{}</td></tr>", table, rows));
        return body.add("</tbody></table>");
    }
}
