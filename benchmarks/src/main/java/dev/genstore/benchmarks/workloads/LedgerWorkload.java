package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.TrialWorkload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.Binding;
import dev.genstore.benchmarks.baseline.PreparedOnce;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.ledger.LedgerDiscrepancy;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.benchmarks.Harness;
import dev.genstore.benchmarks.Result;
import dev.genstore.benchmarks.backend.CountingDataSource;
import dev.genstore.postgres.PostgresStorage;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Debits: {@code bench.ledger.threads} threads (4) each take 1 token from a random one of {@code bench.ledger.accounts}
 * accounts (1,000), every debit with a new reference id. The accounts are credited far beyond what the run can spend
 * before the timing starts.
 *
 * <p>The baseline runs, in one transaction per debit, the four statements an application writes by hand for a debit
 * with genstore's guarantees (and genstore's general path runs): read the account (row-locked where the database has
 * row locks), look for an entry with the same reference id, update the account, insert the entry; each prepared once
 * per connection. See {@link #run} for the one-row commits and round trips the RESULT line adds.
 */
public final class LedgerWorkload implements TrialWorkload {
    private static final long SEED_TOKENS = 1_000_000_000_000L;
    private static final String REASON = "BENCH";

    // The statements of JdbcLedgerRepository.lockAccount, findEntry, updateAccount and insertEntry.
    private static final String SELECT_ACCOUNT = "SELECT user_id, plan, balance, held, last_sequence, created_at,"
            + " updated_at FROM token_accounts WHERE user_id = ?";
    private static final String SELECT_ENTRY = "SELECT user_id, sequence, amount, reason, reference_id, balance_after,"
            + " hold_id, created_at FROM ledger_entries WHERE user_id = ? AND reference_id = ?";
    private static final String UPDATE_ACCOUNT = "UPDATE token_accounts SET balance = ?, held = ?, last_sequence = ?,"
            + " updated_at = ? WHERE user_id = ?";
    private static final String INSERT_ENTRY = "INSERT INTO ledger_entries (user_id, sequence, amount, reason,"
            + " reference_id, balance_after, hold_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String name() {
        return "ledger";
    }

    @Override
    public Trial open(Backend backend, Settings settings) throws Exception {
        int threads = Settings.intProperty("bench.ledger.threads", 4);
        int accounts = Settings.intProperty("bench.ledger.accounts", 1_000);
        Genstore store = Genstore.open(backend.genstore("ledger_genstore"));
        try {
            UserId[] genstoreUsers = seed(store, accounts);
            UserId[] baselineUsers;
            try (Genstore seeding = Genstore.open(backend.baselineSchema("ledger_baseline"))) {
                baselineUsers = seed(seeding, accounts);
            }
            RawDatabase raw = backend.raw("ledger_baseline");
            return new LedgerTrial(backend, threads, store, genstoreUsers, raw, baselineUsers);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    /**
     * The trial timed against the baseline, then the same debits timed against one-row {@code INSERT}s, one per
     * commit, on the same backend ({@code one_row_commit}, {@code debit_vs_commit}: the floor a debit's transaction
     * stands on), and on PostgreSQL the round trips per debit ({@code rt_per_debit}).
     */
    @Override
    public List<Result> run(Backend backend, Settings settings) throws Exception {
        try (LedgerTrial trial = (LedgerTrial) open(backend, settings);
             OneRowCommits commits = OneRowCommits.open(backend, "ledger_commits")) {
            Result result = new Harness(settings).run(name(), backend.name(), trial);
            Result versus = new Harness(settings).run(name() + "-vs-commit", backend.name(), trial.against(commits));
            result = result.field("one_row_commit", String.valueOf(Math.round(versus.baselineOpsPerSecond())))
                    .field("debit_vs_commit", String.format(Locale.ROOT, "%.3f", versus.ratio()));
            OptionalDouble roundTrips = roundTripsPerDebit(backend);
            if (roundTrips.isPresent()) {
                result = result.field("rt_per_debit", String.format(Locale.ROOT, "%.2f", roundTrips.getAsDouble()));
            }
            return List.of(result);
        }
    }

    /**
     * Round trips per debit through genstore, where its storage can be given a counting data source: 1,000 debits,
     * untimed, one thread, on a store of their own, after 200 to warm up.
     */
    private static OptionalDouble roundTripsPerDebit(Backend backend) throws Exception {
        CountingDataSource[] counter = new CountingDataSource[1];
        Optional<HikariDataSource> pool = backend.pool("ledger_round_trips", driver -> counter[0] = new CountingDataSource(driver));
        if (pool.isEmpty()) {
            return OptionalDouble.empty();
        }
        try (HikariDataSource open = pool.get(); Genstore store = Genstore.open(PostgresStorage.of(open))) {
            UserId[] users = seed(store, 10);
            for (int i = 0; i < 200; i++) {
                store.ledger().debit(users[i % users.length], 1, REASON, "warm-" + i);
            }
            int debits = 1_000;
            long before = counter[0].calls();
            for (int i = 0; i < debits; i++) {
                store.ledger().debit(users[i % users.length], 1, REASON, "counted-" + i);
            }
            double perDebit = (counter[0].calls() - before) / (double) debits;
            System.err.printf(Locale.ROOT, "ledger %s: %.2f round trips per debit (JDBC executions and commits)%n",
                    backend.name(), perDebit);
            return OptionalDouble.of(perDebit);
        }
    }

    /** Creates {@code count} users, each with an account credited {@link #SEED_TOKENS}, in one transaction. */
    private static UserId[] seed(Genstore store, int count) {
        return store.transaction(tx -> {
            UserId[] users = new UserId[count];
            for (int i = 0; i < count; i++) {
                users[i] = tx.accounts().create(NewUser.withEmail("user" + i + "@bench.example.com")).id();
                tx.ledger().credit(users[i], SEED_TOKENS, "SEED", "seed-" + i);
            }
            return users;
        });
    }

    /** One-row INSERTs, one per commit, through the baseline's access to a database of their own. */
    private static final class OneRowCommits implements AutoCloseable {
        private static final String INSERT = "INSERT INTO one_row_commits (id, created_at) VALUES (?, ?)";
        private final RawDatabase raw;
        private final PreparedOnce prepared = new PreparedOnce();
        private final AtomicLong ids = new AtomicLong();

        private OneRowCommits(RawDatabase raw) {
            this.raw = raw;
        }

        static OneRowCommits open(Backend backend, String database) throws Exception {
            Genstore.open(backend.baselineSchema(database)).close(); // creates the database
            RawDatabase raw = backend.raw(database);
            raw.inTransaction(c -> {
                try (Statement create = c.createStatement()) {
                    create.execute("CREATE TABLE one_row_commits (id BIGINT PRIMARY KEY, created_at BIGINT NOT NULL)");
                }
                return null;
            });
            return new OneRowCommits(raw);
        }

        void commitOne() throws SQLException {
            long id = ids.incrementAndGet();
            raw.inTransaction(c -> {
                PreparedStatement insert = prepared.prepared(c, INSERT);
                insert.setLong(1, id);
                insert.setLong(2, System.currentTimeMillis());
                insert.executeUpdate();
                return null;
            });
        }

        void check(long commits) throws SQLException {
            long rows = raw.inTransaction(c -> {
                try (Statement count = c.createStatement(); ResultSet rs = count.executeQuery("SELECT COUNT(*) FROM one_row_commits")) {
                    rs.next();
                    return rs.getLong(1);
                }
            });
            if (rows != commits) {
                throw new IllegalStateException(commits + " one-row commits ran but the table has " + rows + " rows");
            }
        }

        @Override
        public void close() throws SQLException {
            raw.close();
        }
    }

    private static final class LedgerTrial implements Trial {
        private final Backend backend;
        private final int threads;
        private final Genstore store;
        private final UserId[] genstoreUsers;
        private final RawDatabase raw;
        private final UserId[] baselineUsers;
        private final UUID[] baselineIds;
        private final String selectAccount;
        private final Clock clock = Clock.systemUTC();
        private final AtomicLong references = new AtomicLong();
        private final PreparedOnce prepared = new PreparedOnce();

        LedgerTrial(Backend backend, int threads, Genstore store, UserId[] genstoreUsers, RawDatabase raw,
                    UserId[] baselineUsers) {
            this.backend = backend;
            this.threads = threads;
            this.store = store;
            this.genstoreUsers = genstoreUsers;
            this.raw = raw;
            this.baselineUsers = baselineUsers;
            this.baselineIds = Arrays.stream(baselineUsers).map(UserId::value).toArray(UUID[]::new);
            this.selectAccount = SELECT_ACCOUNT + raw.forUpdate();
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public Operation genstore() {
            return () -> store.ledger().debit(genstoreUsers[ThreadLocalRandom.current().nextInt(genstoreUsers.length)],
                    1, REASON, "debit-" + references.incrementAndGet());
        }

        @Override
        public Operation baseline() {
            return () -> debit(baselineIds[ThreadLocalRandom.current().nextInt(baselineIds.length)], 1,
                    "debit-" + references.incrementAndGet());
        }

        /**
         * A debit as an application would hand-write it, with genstore's guarantees (no overdraft, idempotent), its
         * statements prepared once per connection.
         */
        private void debit(UUID user, long amount, String referenceId) throws SQLException {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Binding bind = raw.binding();
            raw.inTransaction(c -> {
                long balance;
                long held;
                long lastSequence;
                PreparedStatement selectAccount = prepared.prepared(c, this.selectAccount);
                bind.uuid(selectAccount, 1, user);
                try (ResultSet rs = selectAccount.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no account for " + user);
                    }
                    balance = rs.getLong("balance");
                    held = rs.getLong("held");
                    lastSequence = rs.getLong("last_sequence");
                }
                PreparedStatement selectEntry = prepared.prepared(c, SELECT_ENTRY);
                bind.uuid(selectEntry, 1, user);
                selectEntry.setString(2, referenceId);
                try (ResultSet rs = selectEntry.executeQuery()) {
                    if (rs.next()) {
                        return null; // already debited under this reference: a retry changes nothing
                    }
                }
                if (balance - held < amount) {
                    throw new IllegalStateException("insufficient balance on " + user);
                }
                long sequence = lastSequence + 1;
                PreparedStatement update = prepared.prepared(c, UPDATE_ACCOUNT);
                update.setLong(1, balance - amount);
                update.setLong(2, held);
                update.setLong(3, sequence);
                bind.instant(update, 4, now);
                bind.uuid(update, 5, user);
                update.executeUpdate();
                PreparedStatement insert = prepared.prepared(c, INSERT_ENTRY);
                bind.uuid(insert, 1, user);
                insert.setLong(2, sequence);
                insert.setLong(3, -amount);
                insert.setString(4, REASON);
                insert.setString(5, referenceId);
                insert.setLong(6, balance - amount);
                bind.uuid(insert, 7, null);
                bind.instant(insert, 8, now);
                insert.executeUpdate();
                return null;
            });
        }

        /** genstore's debits against one-row commits: the same threads, the ratio is debits per one-row commit. */
        Trial against(OneRowCommits commits) {
            LedgerTrial debits = this;
            return new Trial() {
                @Override
                public int threads() {
                    return threads;
                }

                @Override
                public Operation genstore() {
                    return debits.genstore();
                }

                @Override
                public Operation baseline() {
                    return commits::commitOne;
                }

                @Override
                public void check(long genstoreOps, long baselineOps) throws Exception {
                    commits.check(baselineOps);
                    List<LedgerDiscrepancy> discrepancies = store.ledger().verify();
                    if (!discrepancies.isEmpty()) {
                        throw new IllegalStateException("genstore: ledger inconsistent after the run: " + discrepancies.get(0));
                    }
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public void check(long genstoreOps, long baselineOps) throws Exception {
            check("genstore", store, genstoreUsers, genstoreOps);
            try (Genstore baseline = Genstore.open(backend.baselineSchema("ledger_baseline"))) {
                check("baseline", baseline, baselineUsers, baselineOps);
            }
        }

        /** The ledger is consistent and its accounts lost exactly one token per counted debit. */
        private static void check(String side, Genstore store, UserId[] users, long debits) {
            List<LedgerDiscrepancy> discrepancies = store.ledger().verify();
            if (!discrepancies.isEmpty()) {
                throw new IllegalStateException(side + ": ledger inconsistent after the run: "
                        + discrepancies.subList(0, Math.min(5, discrepancies.size())));
            }
            long spent = 0;
            for (UserId user : users) {
                spent += SEED_TOKENS - store.ledger().account(user).balance();
            }
            if (spent != debits) {
                throw new IllegalStateException(side + ": " + debits + " debits ran but accounts lost " + spent + " tokens");
            }
        }

        @Override
        public void close() throws Exception {
            try {
                raw.close();
            } finally {
                store.close();
            }
        }
    }
}
