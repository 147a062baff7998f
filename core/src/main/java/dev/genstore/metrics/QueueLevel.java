package dev.genstore.metrics;

import java.time.Duration;

/**
 * One provider's queue at a moment.
 *
 * @param provider the provider name
 * @param depth    the jobs waiting (QUEUED), ready or not yet due
 * @param lag      how long the oldest job that is due has been waiting since it became due; zero when none is due
 */
public record QueueLevel(String provider, long depth, Duration lag) {
}
