package dev.genstore.console.internal;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a page answers: a status, headers and a body (HTML, bytes, or a stream copied to the client). */
final class Response {
    final int status;
    final String contentType;
    final byte[] body;
    final InputStream stream;
    final Map<String, String> headers = new LinkedHashMap<>();

    private Response(int status, String contentType, byte[] body, InputStream stream) {
        this.status = status;
        this.contentType = contentType;
        this.body = body;
        this.stream = stream;
    }

    static Response html(int status, String page) {
        return new Response(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8), null);
    }

    static Response bytes(String contentType, byte[] body) {
        return new Response(200, contentType, body, null);
    }

    static Response stream(String contentType, InputStream stream) {
        return new Response(200, contentType, null, stream);
    }

    /** 303 See Other: after an action, the browser loads {@code location} with GET. */
    static Response redirect(String location) {
        Response response = new Response(303, "text/plain; charset=utf-8", new byte[0], null);
        response.headers.put("Location", location);
        return response;
    }

    Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
