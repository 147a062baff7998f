package dev.genstore.console.internal;

import dev.genstore.Genstore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.StringJoiner;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What a page needs to render for this request: the store, whether actions may be shown (read-only, signed in) and the
 * session's CSRF token for the forms. Renders the shared layout, action forms and paging links.
 */
final class View {
    final Genstore store;
    final boolean readOnly;
    final String csrf;

    View(Genstore store, boolean readOnly, String csrf) {
        this.store = store;
        this.readOnly = readOnly;
        this.csrf = csrf;
    }

    boolean signedIn() {
        return csrf != null;
    }

    /** True when this page may offer actions: not read-only and signed in with the operator token. */
    boolean canAct() {
        return !readOnly && signedIn();
    }

    /** The whole page: navigation, the title, then {@code body}. */
    Response page(int status, String title, Html body) {
        Html page = new Html();
        page.add("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>{} · genstore console</title>"
                + "<link rel=\"icon\" href=\"/assets/favicon.svg\" type=\"image/svg+xml\">"
                + "<link rel=\"stylesheet\" href=\"/assets/console.css\">"
                + "<script src=\"/assets/console.js\" defer></script></head><body>", title);
        page.add("<header><a class=\"brand\" href=\"/\">genstore console</a><nav>"
                + "<a href=\"/\">Overview</a><a href=\"/jobs\">Jobs</a><a href=\"/users\">Users &amp; ledger</a>"
                + "<a href=\"/prompts\">Prompts</a><a href=\"/budgets\">Budgets</a><a href=\"/health\">Health</a></nav>"
                + "<span class=\"who\">{} ", store.backend());
        if (readOnly) {
            page.add("<span class=\"badge\" id=\"read-only\">read-only</span>");
        } else if (signedIn()) {
            page.add("<form method=\"post\" action=\"/logout\" class=\"inline\">{}<button id=\"sign-out\">Sign out</button></form>",
                    csrfField());
        } else {
            page.add("<a id=\"sign-in\" href=\"/login\">Sign in to act</a>");
        }
        page.add("</span></header><main><h1>{}</h1>", title);
        page.add(body.toSafe());
        page.add("</main></body></html>");
        return Response.html(status, page.toString());
    }

    Response page(String title, Html body) {
        return page(200, title, body);
    }

    /** The hidden CSRF field every action form carries. */
    Html.Safe csrfField() {
        return new Html().add("<input type=\"hidden\" name=\"csrf\" value=\"{}\">", csrf == null ? "" : csrf).toSafe();
    }

    /** A form posting to {@code action} with one button, or nothing when this page may not act. */
    Html.Safe button(String action, String label, String id) {
        if (!canAct()) {
            return new Html.Safe("");
        }
        return new Html().add("<form method=\"post\" action=\"{}\" class=\"inline\">{}<button id=\"{}\">{}</button></form>",
                action, csrfField(), id, label).toSafe();
    }

    /** The opening of an action form (with its CSRF field); the caller closes it. */
    Html.Safe formStart(String action, String id) {
        return new Html().add("<form method=\"post\" action=\"{}\" id=\"{}\">{}", action, id, csrfField()).toSafe();
    }

    /** A link to the next keyset page, keeping the filters; nothing on the last page. */
    static Html.Safe nextLink(String path, Map<String, String> filters, String cursor) {
        if (cursor == null) {
            return new Html.Safe("<p class=\"paging\">End of list.</p>");
        }
        StringJoiner query = new StringJoiner("&");
        filters.forEach((name, value) -> {
            if (value != null) {
                query.add(encode(name) + "=" + encode(value));
            }
        });
        query.add("after=" + encode(cursor));
        return new Html().add("<p class=\"paging\"><a id=\"next-page\" href=\"{}\">Next page →</a></p>", path + "?" + query).toSafe();
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    /** An instant to the second, or a dash. */
    static String time(Instant instant) {
        return instant == null ? "–" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
