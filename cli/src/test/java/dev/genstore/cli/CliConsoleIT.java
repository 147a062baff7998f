package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.sqlite.SqliteStorage;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code genstore console}: prints the URL and token, serves the store's data, and stops when the process is told to. */
class CliConsoleIT {
    @TempDir
    Path dir;

    @Test
    void servesTheStoreUntilStopped() throws Exception {
        Path db = dir.resolve("app.db");
        try (Genstore store = Genstore.open(SqliteStorage.file(db))) {
            store.accounts().create(NewUser.withEmail("ann@example.com"));
        }
        String jar = System.getProperty("genstore.cli.jar");
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar,
                "console", "--db", db.toString(), "--port", "0", "--token", "cli-console-token-0123456789")).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            String token = null;
            while (url == null || token == null) {
                String line = out.readLine();
                if (line == null) {
                    break;
                }
                if (line.startsWith("url: ")) {
                    url = line.substring(5);
                } else if (line.startsWith("token: ")) {
                    token = line.substring(7);
                }
            }
            assertNotNull(url, "the console printed its URL");
            assertTrue(url.startsWith("http://127.0.0.1:"), url);
            assertEquals("cli-console-token-0123456789", token);
            HttpResponse<String> users = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/users")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, users.statusCode());
            assertTrue(users.body().contains("ann@example.com"));
        } finally {
            process.destroy();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the console stops when told to");
        }
    }
}
