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
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.ledger.LedgerDiscrepancy;
import java.sql.PreparedStatement;
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
 * <p>The baseline runs, in one transaction per debit, the four statements genstore's debit runs on an account without
 * holds: read the account (row-locked where the database has row locks), look for an entry with the same reference
 * id, update the account, insert the entry.
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

        /** A debit as an application would hand-write it, with genstore's guarantees: no overdraft, idempotent. */
        private void debit(UUID user, long amount, String referenceId) throws SQLException {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            Binding bind = raw.binding();
            raw.inTransaction(c -> {
                long balance;
                long held;
                long lastSequence;
                try (PreparedStatement select = c.prepareStatement(selectAccount)) {
                    bind.uuid(select, 1, user);
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("no account for " + user);
                        }
                        balance = rs.getLong("balance");
                        held = rs.getLong("held");
                        lastSequence = rs.getLong("last_sequence");
                    }
                }
                try (PreparedStatement select = c.prepareStatement(SELECT_ENTRY)) {
                    bind.uuid(select, 1, user);
                    select.setString(2, referenceId);
                    try (ResultSet rs = select.executeQuery()) {
                        if (rs.next()) {
                            return null; // already debited under this reference: a retry changes nothing
                        }
                    }
                }
                if (balance - held < amount) {
                    throw new IllegalStateException("insufficient balance on " + user);
                }
                long sequence = lastSequence + 1;
                try (PreparedStatement update = c.prepareStatement(UPDATE_ACCOUNT)) {
                    update.setLong(1, balance - amount);
                    update.setLong(2, held);
                    update.setLong(3, sequence);
                    bind.instant(update, 4, now);
                    bind.uuid(update, 5, user);
                    update.executeUpdate();
                }
                try (PreparedStatement insert = c.prepareStatement(INSERT_ENTRY)) {
                    bind.uuid(insert, 1, user);
                    insert.setLong(2, sequence);
                    insert.setLong(3, -amount);
                    insert.setString(4, REASON);
                    insert.setString(5, referenceId);
                    insert.setLong(6, balance - amount);
                    bind.uuid(insert, 7, null);
                    bind.instant(insert, 8, now);
                    insert.executeUpdate();
                }
                return null;
            });
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
