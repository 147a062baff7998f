package dev.genstore.internal.jobs;

import dev.genstore.internal.ServiceContext;
import dev.genstore.metrics.QueueLevel;
import dev.genstore.metrics.QueueLevels;
import dev.genstore.spi.QueueDepthRow;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue levels of a store, read from the storage at most once per second of the store's clock, so that gauges read
 * in a burst (a scrape of many meters, several scrapers) cost one query. The store's clock, not the system's, decides
 * when a snapshot is stale: the tests move it instead of sleeping.
 */
public final class CachedQueueLevels implements QueueLevels {
    private static final Logger LOG = LoggerFactory.getLogger(CachedQueueLevels.class);
    private static final long REFRESH_MILLIS = 1_000;

    private final ServiceContext context;
    private Map<String, QueueLevel> snapshot;
    private long takenAtMillis;

    public CachedQueueLevels(ServiceContext context) {
        this.context = context;
    }

    @Override
    public synchronized Map<String, QueueLevel> byProvider() {
        long millis = context.clock().millis();
        if (snapshot == null || millis - takenAtMillis >= REFRESH_MILLIS || millis < takenAtMillis) {
            try {
                snapshot = read(context);
            } catch (RuntimeException e) { // a closed store, a database gone: gauges read empty, the scrape goes on
                LOG.debug("queue levels could not be read: {}", e.toString());
                snapshot = Map.of();
            }
            takenAtMillis = millis;
        }
        return snapshot;
    }

    /** The queue levels now, read from the storage (not cached): depth and lag per provider with queued jobs. */
    static Map<String, QueueLevel> read(ServiceContext context) {
        Instant now = context.now();
        List<QueueDepthRow> rows = context.storage().read(r -> r.jobs().queueDepths(now));
        Map<String, QueueLevel> levels = new LinkedHashMap<>();
        for (QueueDepthRow row : rows) {
            Duration lag = row.oldestDueAt() == null || row.oldestDueAt().isAfter(now) ? Duration.ZERO
                    : Duration.between(row.oldestDueAt(), now);
            levels.put(row.provider(), new QueueLevel(row.provider(), row.queued(), lag));
        }
        return Map.copyOf(levels);
    }
}
