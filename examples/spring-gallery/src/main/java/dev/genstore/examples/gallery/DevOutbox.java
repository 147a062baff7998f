package dev.genstore.examples.gallery;

import dev.genstore.auth.IssuedCode;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * DEVELOPMENT ONLY: "delivers" sign-in codes by logging them, and keeps the last code per address for
 * {@code GET /dev/outbox?email=} when {@code gallery.dev-outbox=true}. Why an outbox and not a code in the
 * {@code /auth/code} response: the sign-in API stays exactly what production serves (a response that carried the code
 * would prove nothing about who owns the address), and turning the demo aid off is one property, not an API change.
 */
public class DevOutbox implements CodeSender {
    private static final Logger LOG = LoggerFactory.getLogger(DevOutbox.class);
    private final Map<String, String> lastCodes = new ConcurrentHashMap<>();

    @Override
    public void send(IssuedCode code) {
        LOG.warn("DEV ONLY, no mail server: the sign-in code for {} is {} (valid until {})", code.email(), code.code(),
                code.expiresAt());
        lastCodes.put(code.email(), code.code());
    }

    /** The last code sent to this normalized address, if any. */
    public Optional<String> lastCode(String email) {
        return Optional.ofNullable(lastCodes.get(email));
    }

    /** The outbox as the code sender, unless the application has a real one. */
    @Configuration(proxyBeanMethods = false)
    static class Wiring {
        @Bean
        @ConditionalOnMissingBean(CodeSender.class)
        DevOutbox devOutbox() {
            return new DevOutbox();
        }
    }

    /** {@code GET /dev/outbox?email=…}: the last code sent there. Only with {@code gallery.dev-outbox=true}. */
    @RestController
    @ConditionalOnProperty(name = "gallery.dev-outbox", havingValue = "true")
    static class OutboxController {
        private final DevOutbox outbox;

        OutboxController(DevOutbox outbox) {
            this.outbox = outbox;
        }

        /** The outbox's last message to an address. */
        record Message(String email, String code) {
        }

        @GetMapping("/dev/outbox")
        ResponseEntity<Message> last(@RequestParam("email") String email) {
            String normalized = email.trim().toLowerCase(java.util.Locale.ROOT);
            return outbox.lastCode(normalized).map(code -> ResponseEntity.ok(new Message(normalized, code)))
                    .orElseGet(() -> ResponseEntity.notFound().build());
        }
    }
}
