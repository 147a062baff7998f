package dev.genstore.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.jobs.JobStatus;
import dev.genstore.sqlite.SqliteStorage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over plain HTTP (java.net.http, no browser): security headers, escaping of hostile values, refusal of
 * actions without the session, with a wrong CSRF token or in read-only mode (and that nothing changed), and bad input
 * answered with a 400 page carrying the API's message.
 */
class ConsoleHttpTest {
    private static final String TOKEN = "test-operator-token-0123456789";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    static Path dir;
    static Genstore store;
    static ConsoleFixture data;
    static GenstoreConsole console;
    static GenstoreConsole readOnly;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        store = Genstore.open(SqliteStorage.file(dir.resolve("console.db")));
        data = new ConsoleFixture(store);
        console = GenstoreConsole.builder(store).port(0).token(TOKEN).start();
        readOnly = GenstoreConsole.builder(store).port(0).token(TOKEN).readOnly(true).start();
    }

    @AfterAll
    static void stop() {
        console.close();
        readOnly.close();
        store.close();
    }

    private HttpResponse<String> get(GenstoreConsole on, String path, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(on.url() + path)).GET();
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(GenstoreConsole on, String path, String form, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(on.url() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in with the token: the session cookie and the CSRF token its pages carry. */
    private String[] signIn() throws IOException, InterruptedException {
        HttpResponse<String> login = post(console, "/login", "token=" + TOKEN, null);
        assertEquals(303, login.statusCode());
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict"), setCookie);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> page = get(console, "/users/" + data.ann.id(), "Cookie", cookie);
        Matcher csrf = CSRF.matcher(page.body());
        assertTrue(csrf.find(), "a signed-in page carries the CSRF field");
        return new String[] {cookie, csrf.group(1)};
    }

    @Test
    void everyPageAnswersWithSecurityHeaders() throws Exception {
        for (String path : new String[] {"/", "/jobs", "/jobs/" + data.failed.id(), "/users", "/users/" + data.ann.id(),
                "/users/" + data.ann.id() + "/images", "/users/" + data.ann.id() + "/images/" + data.hostileImage.id(),
                "/prompts", "/prompts?sort=recent", "/budgets", "/health", "/login"}) {
            HttpResponse<String> page = get(console, path);
            assertEquals(200, page.statusCode(), path);
            assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow(), path);
            String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
        }
    }

    @Test
    void hostileValuesAreEscaped() throws Exception {
        for (String path : new String[] {"/jobs", "/jobs/" + data.failed.id(), "/users/" + data.ann.id() + "/images",
                "/users/" + data.ann.id() + "/images/" + data.hostileImage.id(), "/prompts?sort=recent", "/users",
                "/jobs?provider=" + java.net.URLEncoder.encode(ConsoleFixture.HOSTILE, "UTF-8")}) {
            String body = get(console, path).body();
            assertFalse(body.contains("<script>alert"), path + " carries raw hostile markup");
        }
        assertTrue(get(console, "/prompts?sort=recent").body().contains("&lt;script&gt;alert(1)&lt;/script&gt; hostile prompt"));
        assertTrue(get(console, "/jobs/" + data.failed.id()).body().contains("provider said &lt;b&gt;no&lt;/b&gt;"));
    }

    @Test
    void anActionWithoutASessionOrWithAWrongCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        String path = "/jobs/" + data.queued.id() + "/cancel";
        long balance = store.ledger().account(data.ann.id()).balance();
        assertEquals(403, post(console, path, "", null).statusCode());
        String[] session = signIn();
        assertEquals(403, post(console, path, "csrf=wrong", session[0]).statusCode());
        assertEquals(403, post(console, path, "csrf=" + session[1], "genstore_console=forged").statusCode());
        assertEquals(403, post(console, "/users/" + data.ann.id() + "/credit", "amount=5&reason=X&reference=r1", session[0]).statusCode());
        assertEquals(JobStatus.QUEUED, store.jobs().operator().get(data.queued.id()).status());
        assertEquals(balance, store.ledger().account(data.ann.id()).balance());
        assertEquals(403, post(console, "/login", "token=wrong-token-wrong-token", null).statusCode());
    }

    @Test
    void readOnlyShowsNoActionsAndRefusesThem() throws Exception {
        String page = get(readOnly, "/jobs/" + data.queued.id()).body();
        assertFalse(page.contains("method=\"post\""), "a read-only page offers no form that posts");
        assertEquals(403, post(readOnly, "/login", "token=" + TOKEN, null).statusCode(), "no sessions on a read-only console");
        String[] session = signIn(); // a session of the other console does not open this one
        assertEquals(403, post(readOnly, "/jobs/" + data.queued.id() + "/cancel", "csrf=" + session[1], session[0]).statusCode());
        assertEquals(JobStatus.QUEUED, store.jobs().operator().get(data.queued.id()).status());
    }

    @Test
    void badInputIsA400PageWithTheApiMessageAndWritesNothing() throws Exception {
        String[] session = signIn();
        HttpResponse<String> negative = post(console, "/users/" + data.bob.id() + "/credit",
                "csrf=" + session[1] + "&amount=-5&reason=GIFT&reference=bad-1", session[0]);
        assertEquals(400, negative.statusCode());
        String expected = assertThrows(InvalidInputException.class,
                () -> store.ledger().credit(data.bob.id(), -5, "GIFT", "bad-1")).getMessage();
        assertTrue(negative.body().contains(dev.genstore.console.internal.Html.escape(expected)), negative.body());
        HttpResponse<String> notNumber = post(console, "/users/" + data.bob.id() + "/debit",
                "csrf=" + session[1] + "&amount=ten&reason=GIFT&reference=bad-2", session[0]);
        assertEquals(400, notNumber.statusCode());
        assertTrue(notNumber.body().contains("amount"));
        assertEquals(100, store.ledger().account(data.bob.id()).balance());
        assertEquals(400, get(console, "/jobs?status=NOPE").statusCode());
        assertEquals(400, get(console, "/jobs/not-a-uuid").statusCode());
        assertEquals(400, get(console, "/jobs?after=garbage").statusCode());
        assertEquals(404, get(console, "/users/" + java.util.UUID.randomUUID()).statusCode());
    }

    @Test
    void anImageIsNotServedUnderAnotherUsersId() throws Exception {
        String own = "/users/" + data.ann.id() + "/images/" + data.hostileImage.id();
        assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(console.url() + own + "/thumbnail")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode());
        String foreign = "/users/" + data.bob.id() + "/images/" + data.hostileImage.id();
        assertEquals(404, get(console, foreign).statusCode());
        assertEquals(404, get(console, foreign + "/thumbnail").statusCode());
    }

    @Test
    void answersOnlyToLoopbackHostNames() throws Exception {
        // java.net.http will not set Host: a raw socket sends what a DNS-rebinding page's browser would.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", console.port())) {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new String(socket.getInputStream().readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 421", status);
        }
    }

    @Test
    void anActionSignedInChangesTheStoreAsTheApiWould() throws Exception {
        String[] session = signIn();
        var cara = store.accounts().create(dev.genstore.accounts.NewUser.withEmail("cara@example.com"));
        String form = "csrf=" + session[1] + "&amount=7&reason=GOODWILL&reference=http-credit-1";
        assertEquals(303, post(console, "/users/" + cara.id() + "/credit", form, session[0]).statusCode());
        assertEquals(303, post(console, "/users/" + cara.id() + "/credit", form, session[0]).statusCode());
        assertEquals(7, store.ledger().account(cara.id()).balance(), "the reference id makes the credit idempotent");
    }
}
