package dev.genstore.console.internal;

import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.Page;
import java.util.LinkedHashMap;
import java.util.Map;

/** Users and their ledger: find by email or id, the account, its history in pages, credit and debit. */
final class UserPages {
    private UserPages() {
    }

    static void register(ConsoleServer server) {
        server.get("/users", UserPages::list);
        server.get("/users/([^/]+)", (request, view) -> detail(request, view, UserId.parse(request.pathPart(1))));
        server.post("/users/([^/]+)/credit", (request, view) -> move(request, view, true));
        server.post("/users/([^/]+)/debit", (request, view) -> move(request, view, false));
    }

    private static Response list(Request request, View view) {
        String query = request.value("q");
        if (query != null) {
            return Response.redirect("/users/" + Inputs.user(view, query).id());
        }
        Page<User> users = view.store.accounts().list(Inputs.page(request));
        Html body = new Html().add("<form method=\"get\" action=\"/users\" id=\"find-user\" class=\"filters\">"
                + "<label>Email or id <input name=\"q\" id=\"q\" required></label><button id=\"find\">Find</button></form>");
        body.add("<table id=\"users\"><thead><tr><th>User</th><th>Email</th><th>Name</th><th>Created</th></tr></thead><tbody>");
        for (User user : users.items()) {
            body.add("<tr class=\"user\"><td><a href=\"/users/{}\">{}</a></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    user.id(), JobPages.shortId(user.id().toString()), user.email(), user.displayName(), View.time(user.createdAt()));
        }
        body.add("</tbody></table>").add(View.nextLink("/users", Map.of(), users.nextCursor()));
        return view.page("Users & ledger", body);
    }

    private static Response detail(Request request, View view, UserId id) {
        User user = view.store.accounts().get(id);
        TokenAccount account = view.store.ledger().account(id);
        Page<LedgerEntry> history = view.store.ledger().history(id, Inputs.page(request));
        Html body = new Html();
        body.add("<dl id=\"user\"><dt>Id</dt><dd>{}</dd><dt>Email</dt><dd id=\"user-email\">{}</dd><dt>Name</dt><dd>{}</dd>"
                        + "<dt>Roles</dt><dd>{}</dd><dt>Plan</dt><dd>{}</dd></dl>",
                user.id(), user.email(), user.displayName(), String.join(", ", user.roles()), account.plan());
        body.add("<div class=\"figures\"><p>Balance <strong id=\"balance\">{}</strong></p><p>Held <strong id=\"held\">{}</strong></p>"
                        + "<p>Available <strong id=\"available\">{}</strong></p></div>",
                account.balance(), account.held(), account.balance() - account.held());
        body.add("<p><a id=\"gallery-link\" href=\"/users/{}/images\">Images</a> · <a href=\"/jobs?owner={}\">Jobs</a></p>", user.id(), user.id());
        if (view.canAct()) {
            for (String kind : new String[] {"credit", "debit"}) {
                body.add(view.formStart("/users/" + user.id() + "/" + kind, kind + "-form"));
                body.add("<fieldset><legend>{}</legend><label>Amount <input name=\"amount\" id=\"{}-amount\" inputmode=\"numeric\" required></label>"
                                + "<label>Reason <input name=\"reason\" id=\"{}-reason\" required></label>"
                                + "<label>Reference id <input name=\"reference\" id=\"{}-reference\" required></label>"
                                + "<button id=\"{}-submit\">{}</button></fieldset></form>",
                        kind.equals("credit") ? "Credit" : "Debit", kind, kind, kind, kind, kind.equals("credit") ? "Credit" : "Debit");
            }
            body.add("<p class=\"hint\">A reference id makes the move idempotent: sending it again changes nothing.</p>");
        }
        body.add("<h2>Ledger</h2><table id=\"ledger\"><thead><tr><th>#</th><th>Amount</th><th>Reason</th><th>Reference</th>"
                + "<th>Balance after</th><th>At</th></tr></thead><tbody>");
        for (LedgerEntry entry : history.items()) {
            body.add("<tr class=\"entry\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", entry.sequence(),
                    entry.amount(), entry.reason(), entry.referenceId(), entry.balanceAfter(), View.time(entry.createdAt()));
        }
        body.add("</tbody></table>").add(View.nextLink("/users/" + user.id(), new LinkedHashMap<>(), history.nextCursor()));
        return view.page(user.email(), body);
    }

    private static Response move(Request request, View view, boolean credit) {
        UserId id = UserId.parse(request.pathPart(1));
        long amount = Inputs.amount(request, "amount");
        String reason = request.value("reason");
        String reference = request.value("reference");
        if (credit) {
            view.store.ledger().credit(id, amount, reason, reference);
        } else {
            view.store.ledger().debit(id, amount, reason, reference);
        }
        return Response.redirect("/users/" + id);
    }
}
