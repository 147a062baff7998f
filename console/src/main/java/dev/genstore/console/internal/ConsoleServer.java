package dev.genstore.console.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.genstore.Genstore;
import dev.genstore.errors.GenstoreException;
import dev.genstore.errors.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's HTTP server (the JDK's {@code com.sun.net.httpserver}): routes each request to a page, signs operators
 * in, refuses actions without a session and its CSRF token (or in read-only mode), sets the security headers on every
 * answer and turns a {@link GenstoreException} into an error page with its message.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    /** Script, styles and images only from the console itself; no framing, forms post only to it. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none';"
            + " base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /** What a route does with a request. */
    interface Handler {
        Response handle(Request request, View view) throws IOException;
    }

    private record Route(String method, Pattern path, Handler handler) {
    }

    private final Genstore store;
    private final boolean readOnly;
    private final Sessions sessions;
    private final String token;
    private final boolean loopback;
    private final List<Route> routes = new ArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor;

    public ConsoleServer(Genstore store, InetAddress bind, int port, String token, boolean readOnly) throws IOException {
        this.store = store;
        this.readOnly = readOnly;
        this.token = token;
        this.sessions = new Sessions(token);
        this.loopback = bind.isLoopbackAddress();
        Pages.register(this);
        get("/login", (request, view) -> Login.form(view, null));
        post("/login", this::signIn);
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 50);
        this.executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "genstore-console");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    void get(String path, Handler handler) {
        routes.add(new Route("GET", Pattern.compile(path), handler));
    }

    /** An action: refused without a session, a matching CSRF token, or in read-only mode. */
    void post(String path, Handler handler) {
        routes.add(new Route("POST", Pattern.compile(path), handler));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    private Response signIn(Request request, View view) {
        return sessions.signIn(request.raw("token"))
                .map(session -> Response.redirect("/").header("Set-Cookie", Request.SESSION_COOKIE + "=" + session
                        + "; Path=/; HttpOnly; SameSite=Strict"))
                .orElseGet(() -> Login.form(view, "That is not the operator token."));
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (NotFoundException e) {
                response = error(404, e.getMessage());
            } catch (GenstoreException e) {
                response = error(400, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("console request {} failed", exchange.getRequestURI().getPath(), e);
                response = error(500, "The request failed: " + e.getClass().getSimpleName());
            }
            send(exchange, response);
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        if (!hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
            return error(421, "This console answers only to the host name it was started on.");
        }
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (!method.equals("GET") && !method.equals("POST")) {
            return error(405, "Only GET and POST.");
        }
        if (path.startsWith("/assets/") || path.equals("/favicon.ico")) {
            return Assets.serve(path.equals("/favicon.ico") ? "/assets/favicon.svg" : path);
        }
        Request request = Request.of(exchange);
        String session = request.session();
        View view = new View(store, readOnly, sessions.csrf(session).orElse(null));
        if (method.equals("POST") && readOnly) {
            return error(403, "This console is read-only: actions are refused.");
        }
        if (method.equals("POST") && !path.equals("/login")) {
            if (!sameOrigin(request) || !sessions.allows(session, request.raw("csrf"))) {
                return error(403, "Refused: an action needs the operator's session and its form token. Sign in at /login.");
            }
            if (path.equals("/logout")) {
                sessions.signOut(session);
                return Response.redirect("/").header("Set-Cookie", Request.SESSION_COOKIE + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
            }
        }
        for (Route route : routes) {
            Matcher matcher = route.path.matcher(path);
            if (route.method.equals(method) && matcher.matches()) {
                request.matched(matcher);
                return route.handler.handle(request, view);
            }
        }
        return error(404, "No page at " + path);
    }

    /** Bound to loopback, only loopback names are answered: a page on another site cannot rebind its name to us. */
    private boolean hostAllowed(String host) {
        if (!loopback) {
            return true;
        }
        if (host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.lastIndexOf(':')) : host;
        name = name.toLowerCase(Locale.ROOT);
        return name.equals("localhost") || name.equals("127.0.0.1") || name.equals("[::1]") || name.startsWith("127.");
    }

    /** A browser's POST names its origin; it must be this console (SameSite cookies already keep other sites out). */
    private static boolean sameOrigin(Request request) {
        String origin = request.header("Origin");
        if (origin == null || origin.equals("null")) {
            return origin == null;
        }
        try {
            URI uri = URI.create(origin);
            String host = request.header("Host");
            return host != null && host.equalsIgnoreCase(uri.getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Response error(int status, String message) {
        Html body = new Html().add("<p class=\"error\" id=\"error\">{}</p><p><a href=\"/\">Back to the overview</a></p>", message);
        return new View(store, readOnly, null).page(status, status == 404 ? "Not found" : "Refused", body);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType);
        headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer a browser sends "Origin: null" on POST, which the origin check refuses.
        headers.set("Referrer-Policy", "same-origin");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        if (!headers.containsKey("Cache-Control")) {
            headers.set("Cache-Control", "no-store");
        }
        response.headers.forEach(headers::set);
        if (response.stream != null) {
            exchange.sendResponseHeaders(response.status, 0);
            try (InputStream in = response.stream; OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        } else {
            exchange.sendResponseHeaders(response.status, response.body.length == 0 ? -1 : response.body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
