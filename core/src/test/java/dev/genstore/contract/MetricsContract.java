package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.auth.IssuedCode;
import dev.genstore.auth.OtpRejectedException;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.budget.Reservation;
import dev.genstore.cache.CachePolicy;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.errors.BudgetExceededException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.NewJob;
import dev.genstore.metrics.MicrometerMetrics;
import dev.genstore.metrics.QueueLevels;
import dev.genstore.metrics.StoreMetrics;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Monitoring: the meters {@link MicrometerMetrics} records in a real {@link SimpleMeterRegistry} after known
 * operations (timers per operation and outcome, claims, lease expiries, queue depth and lag gauges, ledger debits and
 * refusals, budget spend, cache hits, misses and evictions), and the slow-operation log: it names the operation and
 * its SQL statements and never a value.
 *
 * <p>The log tests read what SLF4J writes to {@code System.err}: the backend's tests must bind slf4j-simple (its
 * default target is {@code System.err}, looked up at each write) at WARN or finer for {@code dev.genstore.slow}.
 */
public abstract class MetricsContract extends StoreContract {
    private SimpleMeterRegistry registry;
    private Genstore monitored;

    @BeforeEach
    void openMonitoredStore() {
        monitored = open(b -> b);
    }

    @AfterEach
    void closeMonitoredStore() {
        if (monitored != null) {
            monitored.close();
        }
    }

    /** A store over a fresh storage with a new registry, on the test's clock, configured further by {@code settings}. */
    private Genstore open(UnaryOperator<Genstore.Builder> settings) {
        if (monitored != null) {
            monitored.close();
        }
        registry = new SimpleMeterRegistry();
        monitored = settings.apply(Genstore.builder().storage(newStorage()).clock(clock)
                .metrics(MicrometerMetrics.of(registry))).build();
        return monitored;
    }

    private Timer timer(String service, String operation, String exception) {
        return registry.find("genstore.operation").tag("service", service).tag("operation", operation)
                .tag("outcome", exception.equals("none") ? "success" : "failure").tag("exception", exception).timer();
    }

    private long timed(String service, String operation, String exception) {
        Timer timer = timer(service, operation, exception);
        return timer == null ? 0 : timer.count();
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).counter().count();
    }

    private double depth(String provider) {
        return registry.get("genstore.queue.depth").tag("provider", provider).gauge().value();
    }

    private double lagSeconds(String provider) {
        return registry.get("genstore.queue.lag").tag("provider", provider).timeGauge().value(TimeUnit.SECONDS);
    }

    private UserId user(String email, long tokens) {
        UserId id = monitored.accounts().create(NewUser.withEmail(email)).id();
        if (tokens > 0) {
            monitored.ledger().credit(id, tokens, "TOPUP", "topup-" + email);
        }
        return id;
    }

    @Test
    void everyPublicOperationIsTimedByServiceOperationAndOutcome() {
        UserId ann = user("ann@example.com", 10);
        monitored.ledger().debit(ann, 3, "USE", "d1");
        monitored.ledger().debit(ann, 3, "USE", "d2");
        assertThrows(InsufficientBalanceException.class, () -> monitored.ledger().debit(ann, 100, "USE", "d3"));
        assertThrows(InvalidInputException.class, () -> monitored.ledger().debit(ann, -1, "USE", "d4"));
        monitored.useTransaction(tx -> tx.ledger().debit(ann, 1, "USE", "d5"));

        assertEquals(1, timed("accounts", "create", "none"));
        assertEquals(1, timed("ledger", "credit", "none"));
        assertEquals(3, timed("ledger", "debit", "none"));
        assertEquals(1, timed("ledger", "debit", "InsufficientBalanceException"));
        assertEquals(1, timed("ledger", "debit", "InvalidInputException"));
        assertEquals(1, timed("genstore", "transaction", "none"));
        assertTrue(timer("ledger", "debit", "none").totalTime(TimeUnit.NANOSECONDS) > 0);

        // What services call inside one another (a job's token hold) is part of the caller's operation, not its own.
        monitored.jobs().submit(NewJob.of(ann, "a prompt", "alpha", "m").tokenCost(2));
        assertEquals(1, timed("jobs", "submit", "none"));
        assertNull(registry.find("genstore.operation").tag("operation", "hold").timer());
        // The proxies behave as plain objects.
        assertEquals(monitored.ledger(), monitored.ledger());
        assertFalse(monitored.ledger().toString().isEmpty());
    }

    @Test
    void ledgerDebitsAndRefusalsCountWhatCommitted() {
        UserId ann = user("ann@example.com", 10);
        monitored.ledger().debit(ann, 4, "USE", "d1");
        monitored.ledger().debit(ann, 4, "USE", "d1"); // an idempotent repeat: no second debit
        assertThrows(IllegalStateException.class, () -> monitored.useTransaction(tx -> {
            tx.ledger().debit(ann, 2, "USE", "d2");
            throw new IllegalStateException("rolled back");
        }));
        assertThrows(InsufficientBalanceException.class, () -> monitored.ledger().debit(ann, 100, "USE", "d3"));
        assertThrows(InsufficientBalanceException.class,
                () -> monitored.jobs().submit(NewJob.of(ann, "too dear", "alpha", "m").tokenCost(100)));

        monitored.jobs().submit(NewJob.of(ann, "a prompt", "alpha", "m").tokenCost(3));
        ClaimedJob claimed = monitored.queue().claim("worker", 1, Duration.ofMinutes(1)).get(0);
        monitored.queue().complete(claimed.id(), claimed.fencingToken(), 1, 0);

        assertEquals(1, count("genstore.ledger.debits", "kind", "debit"));
        assertEquals(4, count("genstore.ledger.debited.tokens", "kind", "debit"));
        assertEquals(1, count("genstore.ledger.debits", "kind", "capture"));
        assertEquals(3, count("genstore.ledger.debited.tokens", "kind", "capture"));
        assertEquals(1, count("genstore.ledger.refusals", "kind", "debit"));
        assertEquals(1, count("genstore.ledger.refusals", "kind", "hold"));
        assertEquals(3, monitored.ledger().account(ann).balance());
    }

    @Test
    void claimsLeaseExpiriesAndQueueGaugesPerProvider() {
        UserId ann = user("ann@example.com", 0);
        for (int i = 0; i < 3; i++) {
            monitored.jobs().submit(NewJob.of(ann, "alpha " + i, "alpha", "m").maxAttempts(3));
        }
        monitored.jobs().submit(NewJob.of(ann, "beta 0", "beta", "m"));
        monitored.jobs().submit(NewJob.of(ann, "alpha later", "alpha", "m").runAfter(clock.instant().plus(Duration.ofHours(1))));
        clock.advance(Duration.ofSeconds(5));

        assertEquals(4, depth("alpha"));
        assertEquals(1, depth("beta"));
        assertEquals(5.0, lagSeconds("alpha"));
        assertEquals(5.0, lagSeconds("beta"));

        // Gauges read from a snapshot taken at most once per second of the store's clock.
        monitored.jobs().submit(NewJob.of(ann, "beta 1", "beta", "m"));
        assertEquals(1, depth("beta"));
        clock.advance(Duration.ofSeconds(1));
        assertEquals(2, depth("beta"));
        assertEquals(6.0, lagSeconds("beta"));

        List<ClaimedJob> first = monitored.queue().claim("w1", 2, Duration.ofSeconds(30));
        assertEquals(List.of("alpha", "alpha"), first.stream().map(c -> c.job().provider()).toList());
        assertEquals(2, count("genstore.jobs.claimed", "provider", "alpha"));

        clock.advance(Duration.ofSeconds(31)); // both leases expire
        List<ClaimedJob> second = monitored.queue().claim("w2", 10, Duration.ofSeconds(30));
        assertEquals(Map.of("alpha", 3L, "beta", 2L),
                second.stream().collect(Collectors.groupingBy(c -> c.job().provider(), Collectors.counting())));
        assertEquals(5, count("genstore.jobs.claimed", "provider", "alpha"));
        assertEquals(2, count("genstore.jobs.claimed", "provider", "beta"));
        assertEquals(2, count("genstore.jobs.lease.expired", "provider", "alpha"));
        assertEquals(4, count("genstore.jobs.submitted", "provider", "alpha"));
        assertEquals(2, count("genstore.jobs.submitted", "provider", "beta"));

        clock.advance(Duration.ofSeconds(1));
        assertEquals(1, depth("alpha")); // the job not yet due
        assertEquals(0.0, lagSeconds("alpha"));
        assertEquals(0, depth("beta"));
        assertEquals(0.0, lagSeconds("beta"));
    }

    @Test
    void queueGaugesExistForProvidersAlreadyWaitingWhenTheStoreOpens() {
        QueueLevels[] handed = new QueueLevels[1];
        open(b -> b.metrics(new StoreMetrics() {
            @Override
            public void queueLevels(QueueLevels levels) {
                handed[0] = levels;
            }
        }));
        UserId ann = user("ann@example.com", 0);
        monitored.jobs().submit(NewJob.of(ann, "gamma", "gamma", "m"));
        clock.advance(Duration.ofSeconds(3));
        // A Micrometer sink bound to these levels (as a store does when it opens) registers the providers found
        // waiting, though it saw no event of theirs (jobs queued by another process or before a restart).
        SimpleMeterRegistry fresh = new SimpleMeterRegistry();
        MicrometerMetrics.of(fresh).queueLevels(handed[0]);
        assertEquals(1, fresh.get("genstore.queue.depth").tag("provider", "gamma").gauge().value());
        assertEquals(3.0, fresh.get("genstore.queue.lag").tag("provider", "gamma").timeGauge().value(TimeUnit.SECONDS));
    }

    @Test
    void budgetSpendPerProviderAndRefusals() {
        monitored.budgets().record(NewSpend.of("openai", "dall-e", Cost.usd(1_500_000)));
        monitored.budgets().setLimit(LimitSpec.provider("stability", BudgetPeriod.DAILY, Cost.usd(1_000_000)));
        Reservation reservation = monitored.budgets().authorize("stability", Cost.usd(600_000));
        monitored.budgets().settle(reservation.id(), Cost.usd(500_000));
        assertThrows(BudgetExceededException.class, () -> monitored.budgets().authorize("stability", Cost.usd(600_000)));
        assertThrows(IllegalStateException.class, () -> monitored.useTransaction(tx -> {
            tx.budgets().record(NewSpend.of("openai", "dall-e", Cost.usd(9_000_000)));
            throw new IllegalStateException("rolled back");
        }));

        assertEquals(1.5, count("genstore.budget.spend", "provider", "openai", "currency", "USD"));
        assertEquals(0.5, count("genstore.budget.spend", "provider", "stability", "currency", "USD"));
        assertEquals(1, count("genstore.budget.refusals", "provider", "stability"));
    }

    @Test
    void cacheHitsMissesEvictionsAndHitRatio() {
        open(b -> b.cachePolicy(CachePolicy.DEFAULT.bounds(2, 1 << 20)));
        Map<String, Object> config = Map.of("size", 256);
        for (String item : List.of("a", "b", "c")) {
            monitored.cache().put(NewCacheEntry.of("thumbs", item, config, "image/png"), new byte[] {1, 2, 3});
            clock.advance(Duration.ofSeconds(1));
        }
        assertEquals(1, count("genstore.cache.evictions"));
        assertTrue(monitored.cache().get("thumbs", "b", config).isPresent());
        assertTrue(monitored.cache().get("thumbs", "a", config).isEmpty()); // evicted
        assertTrue(monitored.cache().get("thumbs", "c", config).isPresent());

        assertEquals(2, count("genstore.cache.gets", "result", "hit"));
        assertEquals(1, count("genstore.cache.gets", "result", "miss"));
        assertEquals(2.0 / 3, registry.get("genstore.cache.hit.ratio").gauge().value(), 1e-9);
    }

    @Test
    void slowOperationsAreLoggedWithTheirStatementNamesAndNoValue() {
        open(b -> b.slowOperationThreshold(Duration.ZERO));
        String email = "secret.person@example.com";
        String log = stderrOf(() -> {
            User user = monitored.accounts().create(NewUser.withEmail(email));
            IssuedCode code = monitored.otp().issue(email);
            String wrong = code.code().equals("000000") ? "111111" : "000000";
            assertThrows(OtpRejectedException.class, () -> monitored.otp().verify(email, wrong));
            monitored.ledger().credit(user.id(), 50, "TOPUP", "private-reference-1");
            monitored.ledger().debit(user.id(), 5, "USE", "private-reference-2");
            monitored.prompts().record("purple zebras dancing", "model-x");
            monitored.jobs().submit(NewJob.of(user.id(), "giraffes in the snow", "alpha", "m"));
            return List.of(email, code.code(), user.id().toString(), "private-reference", "zebras", "giraffes");
        });
        String debit = log.lines().filter(line -> line.contains("ledger.debit ")).findFirst().orElseThrow(
                () -> new AssertionError("no slow log line for ledger.debit in:\n" + log));
        assertTrue(debit.contains("dev.genstore.slow"), debit);
        assertTrue(debit.contains("UPDATE token_accounts"), debit);
        assertTrue(debit.contains("INSERT ledger_entries"), debit);
        assertTrue(log.lines().anyMatch(line -> line.contains("otp.verify ") && line.contains("OtpRejectedException")), log);
        assertTrue(log.lines().anyMatch(line -> line.contains("jobs.submit ") && line.contains("INSERT jobs")), log);
    }

    /** Issue 11: a transaction of 400 submits wrote a 300 KB line; repeats are now counted across the transaction. */
    @Test
    void aLongTransactionLogsEachStatementNameOnceWithItsCount() {
        open(b -> b.slowOperationThreshold(Duration.ZERO));
        String log = stderrOf(() -> {
            UserId ann = user("ann@example.com", 10);
            monitored.transaction(tx -> {
                for (int i = 0; i < 400; i++) {
                    tx.jobs().submit(NewJob.of(ann, "prompt " + i, "alpha", "m"));
                }
                return null;
            });
            return List.of("prompt 1");
        });
        String line = log.lines().filter(l -> l.contains("genstore.transaction ")).findFirst().orElseThrow(
                () -> new AssertionError("no slow log line for the transaction in:\n" + log));
        assertTrue(line.contains("INSERT jobs \u00d7400"), line);
        assertTrue(line.length() < 3_000, "a slow-log line of " + line.length() + " characters");
    }

    @Test
    void operationsUnderTheThresholdAreNotLogged() {
        open(b -> b.slowOperationThreshold(Duration.ofHours(1)));
        String log = stderrOf(() -> {
            UserId ann = user("ann@example.com", 10);
            monitored.ledger().debit(ann, 1, "USE", "d1");
            return List.of();
        });
        assertFalse(log.contains("slow genstore operation"), log);
        assertEquals(1, timed("ledger", "debit", "none"));
    }

    @Test
    void aStoreWithoutMetricsStillWorks() {
        Genstore plain = Genstore.builder().storage(newStorage()).clock(clock).metrics(StoreMetrics.none()).build();
        try {
            UserId ann = plain.accounts().create(NewUser.withEmail("ann@example.com")).id();
            plain.ledger().credit(ann, 5, "TOPUP", "c1");
            assertEquals(5, plain.ledger().account(ann).balance());
        } finally {
            plain.close();
        }
    }

    @Test
    void builderRefusesBadMonitoringSettings() {
        assertInvalid("metrics", () -> Genstore.builder().metrics(null));
        assertInvalid("slowOperationThreshold", () -> Genstore.builder().slowOperationThreshold(null));
        assertInvalid("slowOperationThreshold", () -> Genstore.builder().slowOperationThreshold(Duration.ofMillis(-1)));
    }

    /** What {@code work} made SLF4J write to {@code System.err}, checked to hold none of the values it returns. */
    private static String stderrOf(java.util.function.Supplier<List<String>> work) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> secrets;
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            secrets = work.get();
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        for (String secret : secrets) {
            assertFalse(log.contains(secret), () -> "the log holds the value " + secret + ":\n" + log);
        }
        return log;
    }
}
