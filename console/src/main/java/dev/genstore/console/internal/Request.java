package dev.genstore.console.internal;

import com.sun.net.httpserver.HttpExchange;
import dev.genstore.errors.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * One request as the pages see it: its path, the query or form values (first value of each name, trimmed; blank means
 * absent), the session cookie and the matched path parameters.
 */
final class Request {
    static final String SESSION_COOKIE = "genstore_console";
    private static final int MAX_FORM_BYTES = 64 * 1024;

    private final HttpExchange exchange;
    private final Map<String, String> values;
    private Matcher path;

    private Request(HttpExchange exchange, Map<String, String> values) {
        this.exchange = exchange;
        this.values = values;
    }

    static Request of(HttpExchange exchange) throws IOException {
        Map<String, String> values = new HashMap<>();
        parse(exchange.getRequestURI().getRawQuery(), values);
        if ("POST".equals(exchange.getRequestMethod())) {
            try (InputStream body = exchange.getRequestBody()) {
                byte[] bytes = body.readNBytes(MAX_FORM_BYTES + 1);
                if (bytes.length > MAX_FORM_BYTES) {
                    throw new InvalidInputException("form", "must be at most " + MAX_FORM_BYTES + " bytes");
                }
                parse(new String(bytes, StandardCharsets.UTF_8), values);
            }
        }
        return new Request(exchange, values);
    }

    private static void parse(String encoded, Map<String, String> into) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            into.putIfAbsent(name, value);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("query", "is not URL-encoded: " + e.getMessage());
        }
    }

    void matched(Matcher matcher) {
        this.path = matcher;
    }

    /** The path parameter of the route's group {@code group}. */
    String pathPart(int group) {
        return path.group(group);
    }

    /** A query or form value, trimmed; null when absent or blank. */
    String value(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A query or form value as given (not trimmed); null when absent. */
    String raw(String name) {
        return values.get(name);
    }

    String method() {
        return exchange.getRequestMethod();
    }

    String header(String name) {
        return exchange.getRequestHeaders().getFirst(name);
    }

    /** The session cookie's value, if the browser sent one. */
    String session() {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", java.util.List.of())) {
            for (String cookie : header.split(";")) {
                String[] parts = cookie.strip().split("=", 2);
                if (parts.length == 2 && parts[0].equals(SESSION_COOKIE)) {
                    return parts[1];
                }
            }
        }
        return null;
    }
}
