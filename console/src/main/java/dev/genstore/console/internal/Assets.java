package dev.genstore.console.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** The console's own files (style sheet, script, icon), read from the jar: nothing is loaded from elsewhere. */
final class Assets {
    private static final Map<String, String> TYPES = Map.of(
            "/assets/console.css", "text/css; charset=utf-8",
            "/assets/console.js", "text/javascript; charset=utf-8",
            "/assets/favicon.svg", "image/svg+xml");

    private Assets() {
    }

    static Response serve(String path) throws IOException {
        String type = TYPES.get(path);
        if (type == null) {
            return Response.html(404, "<!doctype html><title>Not found</title><p>No such file.</p>");
        }
        try (InputStream in = Assets.class.getResourceAsStream("/dev/genstore/console" + path)) {
            if (in == null) {
                throw new IllegalStateException("asset missing from the jar: " + path);
            }
            return Response.bytes(type, in.readAllBytes()).header("Cache-Control", "max-age=3600");
        }
    }
}
