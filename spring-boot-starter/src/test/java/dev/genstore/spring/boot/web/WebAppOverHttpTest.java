package dev.genstore.spring.boot.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genstore.postgres.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A real Spring Boot web application (embedded Tomcat on a random port) with the starter, called over HTTP: a user is
 * created and credited, debited twice with one reference (charged once), read back; Actuator's health shows genstore UP.
 * Once on SQLite, once on the embedded PostgreSQL through the application's own DataSource.
 */
class WebAppOverHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static String call(String method, String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + url + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    static void tokenFlow(int port, String backend) throws Exception {
        String base = "http://127.0.0.1:" + port;
        String created = call("POST", base + "/users?email=ann@example.com&tokens=100");
        Matcher id = Pattern.compile("\"id\":\"([0-9a-f-]+)\"").matcher(created);
        assertThat(id.find()).as(created).isTrue();
        String user = base + "/users/" + id.group(1);
        assertThat(call("POST", user + "/debit?tokens=30&reference=job-1")).contains("\"balance\":70");
        assertThat(call("POST", user + "/debit?tokens=30&reference=job-1")).as("a retried debit charges once").contains("\"balance\":70");
        assertThat(call("GET", user)).contains("\"email\":\"ann@example.com\"").contains("\"balance\":70");
        String health = call("GET", base + "/actuator/health");
        assertThat(health).contains("\"genstore\":{\"status\":\"UP\"").contains("\"backend\":\"" + backend + "\"");
        assertThat(call("GET", base + "/actuator/info")).contains("\"schemaVersion\"");
    }

    @Nested
    @SpringBootTest(classes = TokenApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "management.endpoint.health.show-details=always", "management.endpoints.web.exposure.include=health,info",
            "management.info.defaults.enabled=false"})
    class OnSqlite {
        @TempDir
        static Path dir;

        @LocalServerPort
        int port;

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            registry.add("genstore.sqlite.path", () -> dir.resolve("app.db").toString());
            registry.add("spring.autoconfigure.exclude", () -> "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration");
        }

        @Test
        void signsUpDebitsOnceAndReportsHealth() throws Exception {
            tokenFlow(port, "sqlite");
        }
    }

    @Nested
    @SpringBootTest(classes = TokenApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "management.endpoint.health.show-details=always", "management.endpoints.web.exposure.include=health,info",
            "genstore.backend=postgres"})
    class OnPostgres {
        @LocalServerPort
        int port;

        @DynamicPropertySource
        static void database(DynamicPropertyRegistry registry) {
            registry.add("spring.datasource.url", TestPostgres::freshSchemaUrl);
        }

        @Test
        void signsUpDebitsOnceAndReportsHealth() throws Exception {
            tokenFlow(port, "postgres");
        }
    }
}
