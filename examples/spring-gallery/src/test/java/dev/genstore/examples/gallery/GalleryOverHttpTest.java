package dev.genstore.examples.gallery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.paging.PageRequest;
import dev.genstore.spring.boot.GenstoreBuilderCustomizer;
import dev.genstore.testkit.Fixtures;
import dev.genstore.testkit.SettableClock;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gallery as a client sees it: the application on embedded Tomcat (random port) over a SQLite file, driven over
 * real HTTP through seed 004's whole flow. The store's clock is a {@link SettableClock}, so a link expires without
 * sleeping.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "gallery.dev-outbox=true", "gallery.welcome-tokens=100", "gallery.generation-cost=50",
        "gallery.link-lifetime=10m", "genstore.housekeeping.enabled=false"})
class GalleryOverHttpTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SettableClock CLOCK = SettableClock.startingNow();

    @TempDir
    static Path dir;

    @LocalServerPort
    int port;

    @Autowired
    Genstore genstore;

    @Autowired
    FakeImageProvider provider;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("genstore.sqlite.path", () -> dir.resolve("gallery.db").toString());
    }

    @TestConfiguration
    static class TestDoubles {
        @Bean
        GenstoreBuilderCustomizer settableClock() {
            return builder -> builder.clock(CLOCK);
        }

        /** The fake provider, failing on cue as a real provider's outage would. */
        @Bean
        @Primary
        FakeImageProvider outageOnCue() {
            return new FakeImageProvider() {
                @Override
                public byte[] render(String prompt, long seed) {
                    if (prompt.contains("provider outage")) {
                        throw new ImageProviderException("simulated outage");
                    }
                    return super.render(prompt, seed);
                }
            };
        }
    }

    /** An answer: status, body bytes, and the body as JSON when it is JSON. */
    record Answer(int status, byte[] bytes, String contentType) {
        JsonNode json() throws Exception {
            return JSON.readTree(bytes);
        }

        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private Answer send(HttpRequest.Builder request) throws Exception {
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Content-Type").orElse(""));
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : "http://127.0.0.1:" + port + path));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private Answer get(String path, String token) throws Exception {
        return send(request(path, token).GET());
    }

    private Answer post(String path, String token, Map<String, ?> body, String idempotencyKey) throws Exception {
        HttpRequest.Builder builder = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        return send(idempotencyKey == null ? builder : builder.header("Idempotency-Key", idempotencyKey));
    }

    private Answer upload(String token, String fileName, byte[] content) throws Exception {
        String boundary = "gallery-test-boundary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request("/images", token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    /** Signs in through the code flow; returns the bearer token. */
    private String signIn(String email) throws Exception {
        assertThat(post("/auth/code", null, Map.of("email", email), null).status()).isEqualTo(202);
        Answer outbox = get("/dev/outbox?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8), null);
        assertThat(outbox.status()).isEqualTo(200);
        Answer session = post("/auth/verify", null, Map.of("email", email, "code", outbox.json().get("code").asText()), null);
        assertThat(session.status()).as(session.text()).isEqualTo(200);
        assertThat(session.json().get("newUser").asBoolean()).isTrue();
        return session.json().get("token").asText();
    }

    private long balance(String token) throws Exception {
        Answer me = get("/me", token);
        assertThat(me.status()).as(me.text()).isEqualTo(200);
        return me.json().get("balance").asLong();
    }

    @Test
    void seed004FlowOverHttp() throws Exception {
        // Sign-in: a wrong code is refused with one text for every reason; the right one signs up with welcome tokens.
        assertThat(post("/auth/code", null, Map.of("email", "not an address"), null).json().get("field").asText())
                .isEqualTo("email");
        assertThat(post("/auth/code", null, Map.of("email", "ann@example.com"), null).status()).isEqualTo(202);
        String code = get("/dev/outbox?email=ann@example.com", null).json().get("code").asText();
        Answer wrong = post("/auth/verify", null, Map.of("email", "ann@example.com", "code", code.equals("000000") ? "111111" : "000000"), null);
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        Answer session = post("/auth/verify", null, Map.of("email", "ann@example.com", "code", code), null);
        assertThat(session.status()).as(session.text()).isEqualTo(200);
        String ann = session.json().get("token").asText();
        UserId annId = UserId.parse(session.json().get("userId").asText());
        assertThat(post("/auth/verify", null, Map.of("email", "ann@example.com", "code", code), null).status())
                .as("a code works once").isEqualTo(401);
        assertThat(get("/me", null).status()).isEqualTo(401);
        assertThat(get("/me", ann + "x").status()).as("a tampered session token").isEqualTo(401);
        assertThat(balance(ann)).isEqualTo(100);

        // Generate: 50 tokens, charged once although the client sends the request twice with one key.
        Answer generated = post("/generate", ann, Map.of("prompt", "a lighthouse at dusk"), "gen-1");
        assertThat(generated.status()).as(generated.text()).isEqualTo(201);
        String imageId = generated.json().get("id").asText();
        assertThat(generated.json().get("type").asText()).isEqualTo("GENERATED");
        assertThat(generated.json().get("tokensUsed").asLong()).isEqualTo(50);
        Answer retried = post("/generate", ann, Map.of("prompt", "a lighthouse at dusk"), "gen-1");
        assertThat(retried.json().get("id").asText()).as("the retry gets the first image").isEqualTo(imageId);
        assertThat(balance(ann)).isEqualTo(50);
        assertThat(genstore.ledger().history(annId, PageRequest.first(10)).items()).as("welcome credit, one capture").hasSize(2);
        assertThat(post("/generate", ann, Map.of("prompt", "another prompt"), "gen-1").status())
                .as("the key with other terms").isEqualTo(409);
        assertThat(post("/generate", ann, Map.of("prompt", "no key"), null).status()).isEqualTo(400);

        // Upload: free, checked by genstore (a non-image is 400).
        Answer uploaded = upload(ann, "cat.png", Fixtures.png(40, 30));
        assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        assertThat(uploaded.json().get("width").asInt()).isEqualTo(40);
        assertThat(upload(ann, "notes.png", "not an image".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
        assertThat(balance(ann)).isEqualTo(50);

        // Gallery: newest first, keyset pages.
        JsonNode first = get("/gallery?size=1", ann).json();
        assertThat(first.get("items").get(0).get("id").asText()).isEqualTo(uploaded.json().get("id").asText());
        JsonNode second = get("/gallery?size=1&after=" + first.get("next").asText(), ann).json();
        assertThat(second.get("items").get(0).get("id").asText()).isEqualTo(imageId);
        assertThat(second.get("next").isNull()).isTrue();

        // A signed link serves the image's bytes to anyone holding it, without a sign-in.
        JsonNode link = get("/images/" + imageId + "/url", ann).json();
        String url = link.get("url").asText();
        Answer file = get(url, null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).isEqualTo("image/png");
        assertThat(file.bytes()).isEqualTo(provider.render("a lighthouse at dusk", 0));
        Answer thumbnail = get(get("/images/" + imageId + "/url?variant=thumbnail", ann).json().get("url").asText(), null);
        assertThat(thumbnail.status()).isEqualTo(200);
        assertThat(thumbnail.contentType()).isEqualTo("image/webp");

        // Tampered, moved to another key, without a token, expired: refused.
        String token = url.substring(url.indexOf("?token=") + 7);
        String tampered = url.substring(0, url.length() - 1) + (url.endsWith("A") ? "B" : "A");
        assertThat(get(tampered, null).status()).isEqualTo(403);
        String thumbnailUrl = get("/images/" + imageId + "/url?variant=thumbnail", ann).json().get("url").asText();
        assertThat(get(thumbnailUrl.substring(0, thumbnailUrl.indexOf("?token=") + 7) + token, null).status())
                .as("a token signs one key only").isEqualTo(403);
        assertThat(get(url.substring(0, url.indexOf('?')), null).status()).isEqualTo(403);
        CLOCK.advance(Duration.ofMinutes(10).plusSeconds(1));
        Answer expired = get(url, null);
        assertThat(expired.status()).isEqualTo(403);
        assertThat(expired.contentType()).startsWith("application/problem+json");

        // Another user sees none of it: not listed, not found, no link.
        String bob = signIn("bob@example.com");
        assertThat(get("/gallery", bob).json().get("items")).isEmpty();
        assertThat(get("/images/" + imageId, bob).status()).isEqualTo(404);
        Answer bobsLink = get("/images/" + imageId + "/url", bob);
        assertThat(bobsLink.status()).isEqualTo(404);
        assertThat(bobsLink.contentType()).startsWith("application/problem+json");

        // The provider fails: 502, the held tokens come back, and the key stays spent on the failed job.
        Answer outage = post("/generate", ann, Map.of("prompt", "provider outage"), "gen-x");
        assertThat(outage.status()).as(outage.text()).isEqualTo(502);
        JsonNode me = get("/me", ann).json();
        assertThat(me.get("balance").asLong()).isEqualTo(50);
        assertThat(me.get("available").asLong()).as("the hold was released").isEqualTo(50);
        assertThat(post("/generate", ann, Map.of("prompt", "provider outage"), "gen-x").status()).isEqualTo(409);

        // Spending the rest, then one too many: 402, and nothing is written (balance, ledger, jobs, images).
        assertThat(post("/generate", ann, Map.of("prompt", "a second lighthouse"), "gen-2").status()).isEqualTo(201);
        assertThat(balance(ann)).isZero();
        int entries = genstore.ledger().history(annId, PageRequest.first(100)).items().size();
        int jobs = genstore.jobs().history(annId, Set.of(), PageRequest.first(100)).items().size();
        Answer refused = post("/generate", ann, Map.of("prompt", "a third lighthouse"), "gen-3");
        assertThat(refused.status()).as(refused.text()).isEqualTo(402);
        assertThat(refused.json().get("requested").asLong()).isEqualTo(50);
        assertThat(refused.json().get("available").asLong()).isZero();
        assertThat(balance(ann)).isZero();
        assertThat(genstore.ledger().history(annId, PageRequest.first(100)).items()).hasSize(entries);
        assertThat(genstore.jobs().history(annId, Set.of(), PageRequest.first(100)).items()).hasSize(jobs);
        assertThat(get("/gallery", ann).json().get("items")).hasSize(3);
        assertThat(genstore.operations().verify().healthy()).isTrue();
    }
}
