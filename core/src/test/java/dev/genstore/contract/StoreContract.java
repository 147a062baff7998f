package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.genstore.Genstore;
import dev.genstore.cache.CachePolicy;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.auth.OtpPolicy;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.Storage;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;

/**
 * The base of genstore's contract suite. A backend proves itself by extending each {@code *Contract} class once, as a
 * {@code @Nested} class of one suite class, and saying how to open a fresh, empty storage ({@link ContractCoverage}
 * checks that none is forgotten):
 *
 * <pre>{@code
 * class MemoryContractsTest {
 *     @Nested
 *     class LedgerTest extends LedgerContract {
 *         @Override
 *         protected Storage newStorage() {
 *             return MemoryStorage.create();
 *         }
 *     }
 *     // … one nested class per contract
 * }
 * }</pre>
 *
 * <p>Each test gets its own store over a new storage, driven by a {@link MutableClock} (so expiry is tested by moving
 * the clock, never by sleeping) and run with a non-UTC default time zone, to flush out timestamp bugs.
 */
public abstract class StoreContract {
    /** Where every test's clock starts: nanoseconds included, so storing more precision than micros would show. */
    protected static final Instant START = Instant.parse("2025-03-09T14:15:16.123456789Z");
    /** The clock's zone and the JVM's default zone during the suite: three hours behind UTC. */
    protected static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    /** How long a concurrency test may take before it counts as hung. */
    private static final long RACE_TIMEOUT_SECONDS = 120;

    private static TimeZone originalTimeZone;

    /** The clock of {@link #store}. */
    protected MutableClock clock;
    /** A fresh store over {@link #newStorage()}, opened before each test and closed after it. */
    protected Genstore store;

    private final List<Genstore> extraStores = new ArrayList<>();

    /** A new, empty storage of the backend under test; not yet opened. Called once or more per test. */
    protected abstract Storage newStorage();

    @BeforeAll
    protected static void useNonUtcDefaultTimeZone() {
        originalTimeZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone(ZONE));
    }

    @AfterAll
    protected static void restoreDefaultTimeZone() {
        if (originalTimeZone != null) {
            TimeZone.setDefault(originalTimeZone);
        }
    }

    /**
     * The blob store {@link #store} uses instead of its backend's default, or {@code null} (the default) for the
     * backend's own. A subclass overrides it to run a suite over another blob store.
     */
    protected BlobStore blobStore() {
        return null;
    }

    /**
     * The cache policy of every store a test opens, unless the test sets its own. The default policy, which keeps
     * small values in the database; a suite that tests blobs of cache entries lowers its inline threshold.
     */
    protected CachePolicy cachePolicy() {
        return CachePolicy.DEFAULT;
    }

    @BeforeEach
    protected final void openStore() {
        clock = new MutableClock(START, ZONE);
        Genstore.Builder builder = Genstore.builder().storage(newStorage()).clock(clock).cachePolicy(cachePolicy());
        BlobStore blobs = blobStore();
        if (blobs != null) {
            builder.blobStore(blobs);
        }
        store = builder.build();
    }

    @AfterEach
    protected final void closeStores() {
        try {
            if (store != null) {
                // Whatever a test did through the API, the ledger must still add up.
                assertEquals(List.of(), store.ledger().verify(), "ledger discrepancies after the test");
            }
        } finally {
            for (Genstore extra : extraStores) {
                extra.close();
            }
            extraStores.clear();
            if (store != null) {
                store.close();
                store = null;
            }
        }
    }

    /** Another store over another fresh storage, on the same clock but with this one-time-password policy. */
    protected Genstore openStore(OtpPolicy policy) {
        return openStore(builder -> builder.otpPolicy(policy));
    }

    /**
     * Another store over another fresh storage, on the same clock and over a fresh {@link #blobStore()} (when the
     * subclass names one), with these settings; closed after the test.
     */
    protected Genstore openStore(UnaryOperator<Genstore.Builder> settings) {
        Genstore.Builder builder = Genstore.builder().storage(newStorage()).clock(clock).cachePolicy(cachePolicy());
        BlobStore blobs = blobStore();
        if (blobs != null) {
            builder.blobStore(blobs);
        }
        Genstore extra = settings.apply(builder).build();
        extraStores.add(extra);
        return extra;
    }

    /** The store clock's time as the store records it: truncated to microseconds. */
    protected Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Creates a user with this email and defaults for the rest. */
    protected User newUser(String email) {
        return store.accounts().create(NewUser.withEmail(email));
    }

    /** Creates a user and credits {@code tokens} to it (when positive). */
    protected UserId userWithTokens(String email, long tokens) {
        UserId id = newUser(email).id();
        if (tokens > 0) {
            store.ledger().credit(id, tokens, "TEST_CREDIT", "initial-" + email);
        }
        return id;
    }

    /** The user's token account. */
    protected TokenAccount account(UserId id) {
        return store.ledger().account(id);
    }

    // ---- reading everything back -------------------------------------------------------------------------------

    /** Every user of {@link #store}, collected through keyset pages of {@code pageSize}, oldest first. */
    protected List<User> allUsers(int pageSize) {
        return allUsers(store, pageSize);
    }

    /** Every user of {@code genstore}, collected through keyset pages of {@code pageSize}. */
    protected static List<User> allUsers(Genstore genstore, int pageSize) {
        List<User> users = new ArrayList<>();
        Set<UserId> seen = new HashSet<>();
        PageRequest request = PageRequest.first(pageSize);
        for (int pages = 0; ; pages++) {
            assertTrue(pages < 100_000, "listing does not end");
            Page<User> page = genstore.accounts().list(request);
            assertTrue(page.items().size() <= pageSize, "page larger than asked: " + page.items().size());
            for (User user : page.items()) {
                assertTrue(seen.add(user.id()), "user listed twice: " + user.id());
                users.add(user);
            }
            if (!page.hasNext()) {
                assertNull(page.nextCursor());
                return users;
            }
            assertEquals(pageSize, page.items().size(), "a page before the last one must be full");
            request = page.next(pageSize).orElseThrow();
        }
    }

    /** The user's whole history in {@link #store}, newest first, through keyset pages of {@code pageSize}. */
    protected List<LedgerEntry> fullHistory(UserId id, int pageSize) {
        return fullHistory(store, id, pageSize);
    }

    /** The user's whole history, newest first, through keyset pages of {@code pageSize}. */
    protected static List<LedgerEntry> fullHistory(Genstore genstore, UserId id, int pageSize) {
        List<LedgerEntry> entries = new ArrayList<>();
        Set<Long> sequences = new HashSet<>();
        PageRequest request = PageRequest.first(pageSize);
        for (int pages = 0; ; pages++) {
            assertTrue(pages < 100_000, "history does not end");
            Page<LedgerEntry> page = genstore.ledger().history(id, request);
            assertTrue(page.items().size() <= pageSize, "page larger than asked: " + page.items().size());
            for (LedgerEntry entry : page.items()) {
                assertEquals(id, entry.userId(), "entry of another account in the history");
                assertTrue(sequences.add(entry.sequence()), "entry listed twice: " + entry.sequence());
                entries.add(entry);
            }
            if (!page.hasNext()) {
                return entries;
            }
            request = page.next(pageSize).orElseThrow();
        }
    }

    /** The user's whole history in {@link #store}, newest first. */
    protected List<LedgerEntry> fullHistory(UserId id) {
        return fullHistory(id, PageRequest.MAX_SIZE);
    }

    /** Everything {@link #store} shows through its API, read back; small pages so paging is exercised too. */
    protected StoreSnapshot snapshot() {
        return snapshot(store);
    }

    /** Everything {@code genstore} shows through its API, read back. */
    protected static StoreSnapshot snapshot(Genstore genstore) {
        List<User> users = allUsers(genstore, 3);
        Map<UserId, TokenAccount> accounts = new LinkedHashMap<>();
        Map<UserId, List<LedgerEntry>> histories = new LinkedHashMap<>();
        for (User user : users) {
            accounts.put(user.id(), genstore.ledger().account(user.id()));
            histories.put(user.id(), fullHistory(genstore, user.id(), 4));
        }
        return new StoreSnapshot(users, accounts, histories, genstore.ledger().verify());
    }

    /** Fails unless {@link #store} reads back exactly as {@code before}. */
    protected void assertUnchanged(StoreSnapshot before) {
        assertEquals(before, snapshot(), "the store changed");
    }

    // ---- assertions ----------------------------------------------------------------------------------------------

    /** Asserts that {@code call} throws {@link InvalidInputException} naming {@code field}. */
    protected static InvalidInputException assertInvalid(String field, Executable call) {
        InvalidInputException e = assertThrows(InvalidInputException.class, call);
        assertEquals(field, e.field(), () -> "field named by: " + e.getMessage());
        assertNotNull(e.getMessage());
        return e;
    }

    /** The sum of the entries' amounts. */
    protected static long sum(List<LedgerEntry> entries) {
        return entries.stream().mapToLong(LedgerEntry::amount).sum();
    }

    // ---- concurrency ---------------------------------------------------------------------------------------------

    /** One thread's part of a race; {@code thread} is 0 to threads - 1. */
    @FunctionalInterface
    protected interface ThreadWork<T> {
        T run(int thread) throws Exception;
    }

    /** What one thread of a race returned or threw. */
    protected record Attempt<T>(T value, Throwable error) {
        /** True when the thread returned normally. */
        public boolean succeeded() {
            return error == null;
        }
    }

    /**
     * Runs {@code work} on {@code threads} threads released together by a start gate, and returns what each
     * returned or threw, in thread order.
     */
    protected static <T> List<Attempt<T>> race(int threads, ThreadWork<T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Attempt<T>>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int thread = i;
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    try {
                        return new Attempt<>(work.run(thread), null);
                    } catch (Throwable t) {
                        return new Attempt<T>(null, t);
                    }
                }));
            }
            assertTrue(ready.await(RACE_TIMEOUT_SECONDS, TimeUnit.SECONDS), "threads did not start");
            start.countDown();
            List<Attempt<T>> attempts = new ArrayList<>();
            for (Future<Attempt<T>> future : futures) {
                attempts.add(future.get(RACE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            }
            return attempts;
        } catch (Exception e) {
            return fail("race did not finish", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The values of a race in which no thread may fail; a failure is reported with its stack trace. */
    protected static <T> List<T> valuesOf(List<Attempt<T>> attempts) {
        List<T> values = new ArrayList<>();
        for (Attempt<T> attempt : attempts) {
            if (!attempt.succeeded()) {
                throw new AssertionError("a racing thread failed: " + attempt.error(), attempt.error());
            }
            values.add(attempt.value());
        }
        return values;
    }
}
