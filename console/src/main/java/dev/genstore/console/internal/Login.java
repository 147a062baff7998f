package dev.genstore.console.internal;

/** The sign-in page: the operator token, once, makes a session whose forms carry a CSRF token. */
final class Login {
    private Login() {
    }

    static Response form(View view, String problem) {
        Html body = new Html();
        if (problem != null) {
            body.add("<p class=\"error\" id=\"error\">{}</p>", problem);
        }
        if (view.readOnly) {
            body.add("<p>This console is read-only: there is nothing to sign in for.</p>");
        } else {
            body.add("<form method=\"post\" action=\"/login\" id=\"login\"><label>Operator token "
                    + "<input type=\"password\" name=\"token\" id=\"token\" autocomplete=\"off\" required></label>"
                    + "<button id=\"sign-in-button\">Sign in</button></form>"
                    + "<p class=\"hint\">The token was printed when the console started (or set with --token).</p>");
        }
        return view.page(problem == null ? 200 : 403, "Sign in", body);
    }
}
