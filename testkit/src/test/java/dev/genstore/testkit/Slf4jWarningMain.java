package dev.genstore.testkit;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import java.time.Duration;

/** Run in a child JVM by {@link Slf4j17WarningTest}: two stores that log every operation as slow. */
public final class Slf4jWarningMain {
    private Slf4jWarningMain() {
    }

    public static void main(String[] args) {
        for (int i = 0; i < 2; i++) {
            try (Genstore store = TestStores.memory(b -> b.slowOperationThreshold(Duration.ZERO))) {
                store.accounts().create(NewUser.withEmail("ann" + i + "@example.com"));
            }
        }
        System.out.println("done");
    }
}
