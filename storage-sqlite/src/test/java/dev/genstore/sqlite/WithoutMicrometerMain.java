package dev.genstore.sqlite;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.budget.Cost;
import dev.genstore.budget.NewSpend;
import dev.genstore.cache.NewCacheEntry;
import dev.genstore.jobs.ClaimedJob;
import dev.genstore.jobs.NewJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Run by {@link SqliteWithoutMicrometerTest} in a JVM whose class path lacks Micrometer: opens a store (default metrics,
 * every operation logged as slow) and uses every monitored path. Exit 0 when all went well, 3 when Micrometer was
 * on the class path after all (the test would prove nothing).
 */
public final class WithoutMicrometerMain {
    private WithoutMicrometerMain() {
    }

    public static void main(String[] args) {
        try {
            Class.forName("io.micrometer.core.instrument.MeterRegistry");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // as it should be
        }
        try (Genstore store = Genstore.builder().storage(SqliteStorage.file(Path.of(args[0])))
                .slowOperationThreshold(Duration.ZERO).build()) {
            UserId ann = store.accounts().create(NewUser.withEmail("ann@example.com")).id();
            store.ledger().credit(ann, 10, "TOPUP", "c1");
            store.ledger().debit(ann, 2, "USE", "d1");
            store.jobs().submit(NewJob.of(ann, "a prompt", "alpha", "m").tokenCost(3));
            ClaimedJob job = store.queue().claim("worker", 1, Duration.ofMinutes(1)).get(0);
            store.queue().complete(job.id(), job.fencingToken(), 1, 0);
            store.budgets().record(NewSpend.of("alpha", "m", Cost.usd(1_000)));
            store.cache().put(NewCacheEntry.of("ns", "item", Map.of(), "image/png"), new byte[] {1});
            if (store.cache().get("ns", "item", Map.of()).isEmpty()) {
                System.exit(5);
            }
            if (store.ledger().account(ann).balance() != 5) {
                System.exit(4);
            }
        }
        System.out.println("done");
    }
}
