package dev.genstore.testkit;

import dev.genstore.Genstore;
import dev.genstore.errors.StoreClosedException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that gives each test a fresh memory store on its own {@link SettableClock}, and closes it after
 * the test:
 *
 * <pre>{@code
 * @RegisterExtension
 * final GenstoreExtension genstore = GenstoreExtension.memory();
 *
 * @Test
 * void codesExpire() {
 *     Genstore store = genstore.store();
 *     ...
 *     genstore.clock().advance(Duration.ofMinutes(11));
 * }
 * }</pre>
 *
 * Register it on an instance field (one store per test). The clock starts at {@link SettableClock#DEFAULT_START}.
 */
public final class GenstoreExtension implements BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<Genstore.Builder> settings;
    private SettableClock clock;
    private Genstore store;

    private GenstoreExtension(UnaryOperator<Genstore.Builder> settings) {
        this.settings = settings;
    }

    /** A fresh memory store per test, on a settable clock. */
    public static GenstoreExtension memory() {
        return memory(UnaryOperator.identity());
    }

    /**
     * Like {@link #memory()}, with more settings applied to each store's builder (the storage and the clock are set
     * already), e.g. {@code GenstoreExtension.memory(b -> b.budgetPolicy(policy))}.
     */
    public static GenstoreExtension memory(UnaryOperator<Genstore.Builder> settings) {
        return new GenstoreExtension(Arguments.notNull("settings", settings));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        clock = SettableClock.fixed();
        store = TestStores.memory(builder -> settings.apply(builder.clock(clock)));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Genstore open = store;
        store = null;
        if (open != null) {
            open.close();
        }
    }

    /**
     * The current test's store.
     *
     * @throws StoreClosedException outside a test (before {@code beforeEach} or after {@code afterEach})
     */
    public Genstore store() {
        if (store == null) {
            throw new StoreClosedException("no store: GenstoreExtension opens one per test; register it with"
                    + " @RegisterExtension on an instance field and call store() inside a test");
        }
        return store;
    }

    /** The current test's clock (the store's). */
    public SettableClock clock() {
        store(); // same check
        return clock;
    }
}
