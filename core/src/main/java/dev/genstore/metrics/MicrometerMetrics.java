package dev.genstore.metrics;

import dev.genstore.errors.InvalidInputException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Records a store's events in a Micrometer {@link MeterRegistry}. The only class of genstore that refers to Micrometer:
 * use it only when {@code micrometer-core} is on the class path (genstore declares it optional).
 *
 * <pre>{@code
 * Genstore store = Genstore.builder().storage(storage).metrics(MicrometerMetrics.of(registry)).build();
 * }</pre>
 *
 * <p>Meters (every one carries the common tags given to {@link #of(MeterRegistry, Iterable)}):
 * <ul>
 *   <li>{@code genstore.operation} (timer): tags {@code service}, {@code operation}, {@code outcome}
 *       ({@code success}/{@code failure}) and {@code exception} (the simple class name, or {@code none});</li>
 *   <li>{@code genstore.jobs.submitted}, {@code genstore.jobs.claimed}, {@code genstore.jobs.lease.expired}
 *       (counters, tag {@code provider});</li>
 *   <li>{@code genstore.queue.depth} (gauge: jobs waiting) and {@code genstore.queue.lag} (time gauge: how long the
 *       oldest due job has waited), tag {@code provider}; registered for every provider the store has seen;</li>
 *   <li>{@code genstore.ledger.debits} (counter of debits) and {@code genstore.ledger.debited.tokens} (counter of
 *       tokens), tag {@code kind} ({@code debit}/{@code capture}); {@code genstore.ledger.refusals}, tag {@code kind}
 *       ({@code debit}/{@code hold});</li>
 *   <li>{@code genstore.budget.spend} (counter, in currency units), tags {@code provider} and {@code currency};
 *       {@code genstore.budget.refusals}, tag {@code provider};</li>
 *   <li>{@code genstore.cache.gets} (counter, tag {@code result}: {@code hit}/{@code miss}),
 *       {@code genstore.cache.evictions} (counter) and {@code genstore.cache.hit.ratio} (gauge; NaN before the first
 *       lookup).</li>
 * </ul>
 * Cache meters count the lookups of this process since it started; the store's own
 * {@code cache().statistics()} are the durable totals.
 */
public final class MicrometerMetrics implements StoreMetrics {
    private final MeterRegistry registry;
    private final Tags common;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Set<String> queueProviders = ConcurrentHashMap.newKeySet();
    private final Counter cacheHits;
    private final Counter cacheMisses;
    private final Counter cacheEvictions;
    private volatile QueueLevels levels = Map::of;

    private record TimerKey(String service, String operation, Class<? extends Throwable> failure) {
    }

    private MicrometerMetrics(MeterRegistry registry, Tags common) {
        this.registry = registry;
        this.common = common;
        this.cacheHits = Counter.builder("genstore.cache.gets").description("cache lookups")
                .tags(common).tag("result", "hit").register(registry);
        this.cacheMisses = Counter.builder("genstore.cache.gets").description("cache lookups")
                .tags(common).tag("result", "miss").register(registry);
        this.cacheEvictions = Counter.builder("genstore.cache.evictions").description("cache entries evicted")
                .tags(common).register(registry);
        Gauge.builder("genstore.cache.hit.ratio", this::hitRatio).description("cache hits per lookup")
                .tags(common).register(registry);
    }

    /** Metrics recorded in {@code registry}. */
    public static MicrometerMetrics of(MeterRegistry registry) {
        return of(registry, Tags.empty());
    }

    /** Metrics recorded in {@code registry}, every meter tagged with {@code commonTags} too (e.g. which store). */
    public static MicrometerMetrics of(MeterRegistry registry, Iterable<Tag> commonTags) {
        return new MicrometerMetrics(notNull("registry", registry), Tags.of(notNull("commonTags", commonTags)));
    }

    @Override
    public void operation(String service, String operation, Class<? extends Throwable> failure, long nanos) {
        timers.computeIfAbsent(new TimerKey(service, operation, failure), key -> Timer.builder("genstore.operation")
                .description("public genstore operations")
                .tags(common)
                .tag("service", key.service())
                .tag("operation", key.operation())
                .tag("outcome", key.failure() == null ? "success" : "failure")
                .tag("exception", key.failure() == null ? "none" : key.failure().getSimpleName())
                .register(registry)).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void jobSubmitted(String provider) {
        watchQueue(provider);
        counter("genstore.jobs.submitted", "provider", provider).increment();
    }

    @Override
    public void jobsClaimed(String provider, int count) {
        watchQueue(provider);
        counter("genstore.jobs.claimed", "provider", provider).increment(count);
    }

    @Override
    public void leaseExpired(String provider) {
        counter("genstore.jobs.lease.expired", "provider", provider).increment();
    }

    @Override
    public void ledgerDebited(String kind, long tokens) {
        counter("genstore.ledger.debits", "kind", kind).increment();
        counter("genstore.ledger.debited.tokens", "kind", kind).increment(tokens);
    }

    @Override
    public void ledgerRefused(String kind) {
        counter("genstore.ledger.refusals", "kind", kind).increment();
    }

    @Override
    public void budgetSpent(String provider, String currency, long micros) {
        counters.computeIfAbsent("genstore.budget.spend\0" + provider + "\0" + currency, key -> Counter.builder("genstore.budget.spend")
                .baseUnit(currency).tags(common).tag("provider", provider).tag("currency", currency).register(registry))
                .increment(micros / 1_000_000.0);
    }

    @Override
    public void budgetRefused(String provider) {
        counter("genstore.budget.refusals", "provider", provider).increment();
    }

    @Override
    public void cacheHit(String namespace) {
        cacheHits.increment();
    }

    @Override
    public void cacheMiss(String namespace) {
        cacheMisses.increment();
    }

    @Override
    public void cacheEvicted(long count) {
        cacheEvictions.increment(count);
    }

    @Override
    public void queueLevels(QueueLevels source) {
        this.levels = notNull("levels", source);
        source.byProvider().keySet().forEach(this::watchQueue);
    }

    private double hitRatio() {
        double hits = cacheHits.count();
        double total = hits + cacheMisses.count();
        return total == 0 ? Double.NaN : hits / total;
    }

    /** Registers the queue gauges of a provider the first time it is seen. */
    private void watchQueue(String provider) {
        if (!queueProviders.add(provider)) {
            return;
        }
        Gauge.builder("genstore.queue.depth", () -> level(provider).depth())
                .description("jobs waiting in the provider's queue")
                .tags(common).tag("provider", provider).register(registry);
        TimeGauge.builder("genstore.queue.lag", () -> level(provider).lag().toNanos(), TimeUnit.NANOSECONDS)
                .description("how long the oldest due job of the provider has waited")
                .tags(common).tag("provider", provider).register(registry);
    }

    private QueueLevel level(String provider) {
        Map<String, QueueLevel> current = levels.byProvider();
        // Providers that appeared in another process are registered as a gauge reads them.
        current.keySet().forEach(this::watchQueue);
        QueueLevel level = current.get(provider);
        return level != null ? level : new QueueLevel(provider, 0, java.time.Duration.ZERO);
    }

    private Counter counter(String name, String tag, String value) {
        return counters.computeIfAbsent(name + "\0" + value, key -> Counter.builder(name)
                .tags(common).tag(tag, value).register(registry));
    }

    @Override
    public String toString() {
        return "MicrometerMetrics[" + registry.getClass().getSimpleName() + "]";
    }

    private static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new InvalidInputException(field, "must not be null");
        }
        return value;
    }
}
