package dev.genstore.examples.gallery;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gallery's own settings ({@code gallery.*}); genstore's are {@code genstore.*}.
 *
 * @param welcomeTokens   tokens credited once, when a user signs in for the first time (seed 004 starts users at 0 coins
 *                        and adds coins as rewards; this is such a reward, so a new user can try the service)
 * @param generationCost  tokens one generated image costs (seed 004's example charges 50 coins)
 * @param linkLifetime    how long a signed image link works
 * @param sessionLifetime how long a sign-in's bearer token works
 * @param sessionSecret   signs bearer tokens: at least 32 bytes; empty for a random secret per start (everyone signs
 *                        in again after a restart)
 * @param devOutbox       serve {@code GET /dev/outbox?email=} with the last code sent to an address: for demos and tests
 *                        only, never in production
 */
@ConfigurationProperties(prefix = "gallery")
public record GalleryProperties(@DefaultValue("100") long welcomeTokens, @DefaultValue("50") long generationCost,
                                @DefaultValue("10m") Duration linkLifetime, @DefaultValue("12h") Duration sessionLifetime,
                                String sessionSecret, @DefaultValue("false") boolean devOutbox) {
}
