package dev.genstore.testkit;

import dev.genstore.Genstore;
import dev.genstore.memory.MemoryStorage;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * Ready stores for an application's tests: the memory backend (H2 in memory, a private database per store, every
 * migration applied, gone on close), the same API and rules as SQLite and PostgreSQL. Close each store when the test
 * ends (or use {@link GenstoreExtension}, which does).
 */
public final class TestStores {
    private TestStores() {
    }

    /** A fresh, empty memory store on the system clock. */
    public static Genstore memory() {
        return memory(UnaryOperator.identity());
    }

    /** A fresh, empty memory store on {@code clock} (a {@link SettableClock} to move time by hand). */
    public static Genstore memory(Clock clock) {
        Arguments.notNull("clock", clock);
        return memory(builder -> builder.clock(clock));
    }

    /**
     * A fresh, empty memory store with settings of the test's choosing, e.g.
     * {@code TestStores.memory(b -> b.clock(clock).otpPolicy(policy))}; the storage is set already.
     */
    public static Genstore memory(UnaryOperator<Genstore.Builder> settings) {
        Arguments.notNull("settings", settings);
        return settings.apply(Genstore.builder().storage(MemoryStorage.create())).build();
    }
}
