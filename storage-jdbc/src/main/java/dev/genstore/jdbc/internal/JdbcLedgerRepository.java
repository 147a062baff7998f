package dev.genstore.jdbc.internal;

import dev.genstore.accounts.UserId;
import dev.genstore.jdbc.Dialect;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.LedgerDiscrepancy;
import dev.genstore.ledger.LedgerDiscrepancy.Kind;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.spi.AccountRow;
import dev.genstore.spi.LedgerRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

final class JdbcLedgerRepository implements LedgerRepository {
    private static final String ACCOUNT = "SELECT user_id, plan, balance, held, last_sequence, created_at, updated_at"
            + " FROM token_accounts WHERE user_id = ?";
    private static final String ENTRY = "SELECT user_id, sequence, amount, reason, reference_id, balance_after, hold_id,"
            + " created_at FROM ledger_entries";
    private static final String HOLD = "SELECT id, user_id, amount, captured, reason, reference_id, status, expires_at,"
            + " created_at, settled_at FROM token_holds";

    private static final String ACCOUNT_COLUMNS = "user_id, plan, balance, held, last_sequence, created_at, updated_at";
    /** The guarded update of a one-step debit; parameters: amount, updated-at, user, amount, user, reference id. */
    private static final String DEBIT = "UPDATE token_accounts SET balance = balance - ?, last_sequence = last_sequence + 1,"
            + " updated_at = ? WHERE user_id = ? AND balance - held >= ?"
            + " AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE user_id = ? AND reference_id = ?)";

    private final Handle handle;
    private final Dialect d;
    private final String lockAccount;
    private final Debit debit;

    JdbcLedgerRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
        this.lockAccount = ACCOUNT + dialect.forUpdate();
        this.debit = Debit.of(dialect);
    }

    /**
     * The one-step debit's SQL per database: PostgreSQL updates the account and inserts the entry in one statement (one
     * round trip), SQLite returns the updated row ({@code RETURNING}) and H2 selects it from the update's
     * {@code FINAL TABLE}, then the entry is inserted.
     */
    private record Debit(String sql, boolean insertsEntry) {
        static Debit of(Dialect dialect) {
            return switch (dialect.name()) {
                case "postgres" -> new Debit("WITH debited AS (" + DEBIT + " RETURNING " + ACCOUNT_COLUMNS + "),"
                        + " entry AS (INSERT INTO ledger_entries (user_id, sequence, amount, reason, reference_id,"
                        + " balance_after, created_at) SELECT user_id, last_sequence, ?, ?, ?, balance, ? FROM debited"
                        + " RETURNING sequence) SELECT d.user_id, d.plan, d.balance, d.held, d.last_sequence, d.created_at,"
                        + " d.updated_at FROM debited d, entry e", true);
                case "sqlite" -> new Debit(DEBIT + " RETURNING " + ACCOUNT_COLUMNS, false);
                default -> new Debit("SELECT " + ACCOUNT_COLUMNS + " FROM FINAL TABLE (" + DEBIT + ")", false);
            };
        }
    }

    @Override
    public Optional<AccountRow> debitIfAvailable(UserId user, long amount, String reason, String referenceId, Instant at) {
        Optional<AccountRow> debited = DirectSql.one(handle, debit.sql(), statement -> {
            statement.setLong(1, amount);
            d.instant(at).apply(2, statement, null);
            d.uuid(user.value()).apply(3, statement, null);
            statement.setLong(4, amount);
            d.uuid(user.value()).apply(5, statement, null);
            statement.setString(6, referenceId);
            if (debit.insertsEntry()) {
                statement.setLong(7, -amount);
                statement.setString(8, reason);
                statement.setString(9, referenceId);
                d.instant(at).apply(10, statement, null);
            }
        }, rs -> accountRow(user, rs));
        if (debited.isPresent() && !debit.insertsEntry()) {
            AccountRow after = debited.get();
            insertEntry(new LedgerEntry(user, after.lastSequence(), -amount, reason, referenceId, after.balance(), null, at));
        }
        return debited;
    }

    @Override
    public Optional<AccountRow> lockAccount(UserId user) {
        return account(lockAccount, user);
    }

    @Override
    public Optional<AccountRow> findAccount(UserId user) {
        return account(ACCOUNT, user);
    }

    private Optional<AccountRow> account(String sql, UserId user) {
        return DirectSql.one(handle, sql, statement -> d.uuid(user.value()).apply(1, statement, null),
                rs -> accountRow(user, rs));
    }

    private AccountRow accountRow(UserId user, ResultSet rs) throws SQLException {
        return new AccountRow(user, rs.getString("plan"), rs.getLong("balance"), rs.getLong("held"),
                rs.getLong("last_sequence"), d.instant(rs, "created_at"), d.instant(rs, "updated_at"));
    }

    @Override
    public void insertAccount(AccountRow a) {
        handle.createUpdate("INSERT INTO token_accounts (user_id, plan, balance, held, last_sequence, created_at, updated_at)"
                        + " VALUES (:user, :plan, :balance, :held, :seq, :created, :updated)")
                .bind("user", d.uuid(a.userId().value()))
                .bind("plan", a.plan())
                .bind("balance", a.balance())
                .bind("held", a.held())
                .bind("seq", a.lastSequence())
                .bind("created", d.instant(a.createdAt()))
                .bind("updated", d.instant(a.updatedAt()))
                .execute();
    }

    @Override
    public void updateAccount(UserId user, long balance, long held, long lastSequence, Instant updatedAt) {
        DirectSql.update(handle, "UPDATE token_accounts SET balance = ?, held = ?, last_sequence = ?, updated_at = ?"
                + " WHERE user_id = ?", statement -> {
                    statement.setLong(1, balance);
                    statement.setLong(2, held);
                    statement.setLong(3, lastSequence);
                    d.instant(updatedAt).apply(4, statement, null);
                    d.uuid(user.value()).apply(5, statement, null);
                });
    }

    @Override
    public void updatePlan(UserId user, String plan, Instant updatedAt) {
        handle.createUpdate("UPDATE token_accounts SET plan = :plan, updated_at = :updated WHERE user_id = :user")
                .bind("plan", plan)
                .bind("updated", d.instant(updatedAt))
                .bind("user", d.uuid(user.value()))
                .execute();
    }

    @Override
    public Optional<LedgerEntry> findEntry(UserId user, String referenceId) {
        return DirectSql.one(handle, ENTRY + " WHERE user_id = ? AND reference_id = ?", statement -> {
            d.uuid(user.value()).apply(1, statement, null);
            statement.setString(2, referenceId);
        }, this::entry);
    }

    @Override
    public void insertEntry(LedgerEntry e) {
        DirectSql.update(handle, "INSERT INTO ledger_entries (user_id, sequence, amount, reason, reference_id, balance_after,"
                + " hold_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    d.uuid(e.userId().value()).apply(1, statement, null);
                    statement.setLong(2, e.sequence());
                    statement.setLong(3, e.amount());
                    statement.setString(4, e.reason());
                    statement.setString(5, e.referenceId());
                    statement.setLong(6, e.balanceAfter());
                    d.uuid(e.holdId() == null ? null : e.holdId().value()).apply(7, statement, null);
                    d.instant(e.createdAt()).apply(8, statement, null);
                });
    }

    @Override
    public List<LedgerEntry> entriesBefore(UserId user, Long beforeSequence, int limit) {
        var query = handle.createQuery(ENTRY + " WHERE user_id = :user"
                        + (beforeSequence == null ? "" : " AND sequence < :before") + " ORDER BY sequence DESC LIMIT :limit")
                .bind("user", d.uuid(user.value()))
                .bind("limit", limit);
        if (beforeSequence != null) {
            query.bind("before", beforeSequence.longValue());
        }
        return query.map((rs, ctx) -> entry(rs)).list();
    }

    @Override
    public Optional<Long> balanceAt(UserId user, Instant at) {
        return handle.createQuery("SELECT balance_after FROM ledger_entries WHERE user_id = :user AND created_at <= :at"
                        + " ORDER BY sequence DESC LIMIT 1")
                .bind("user", d.uuid(user.value()))
                .bind("at", d.instant(at))
                .mapTo(Long.class)
                .findOne();
    }

    @Override
    public Optional<Hold> findHold(HoldId id) {
        return handle.createQuery(HOLD + " WHERE id = :id")
                .bind("id", d.uuid(id.value()))
                .map((rs, ctx) -> hold(rs))
                .findOne();
    }

    @Override
    public Optional<Hold> findHold(UserId user, String referenceId) {
        return handle.createQuery(HOLD + " WHERE user_id = :user AND reference_id = :ref")
                .bind("user", d.uuid(user.value()))
                .bind("ref", referenceId)
                .map((rs, ctx) -> hold(rs))
                .findOne();
    }

    @Override
    public void insertHold(Hold h) {
        handle.createUpdate("INSERT INTO token_holds (id, user_id, amount, captured, reason, reference_id, status,"
                        + " expires_at, created_at, settled_at)"
                        + " VALUES (:id, :user, :amount, :captured, :reason, :ref, :status, :expires, :created, :settled)")
                .bind("id", d.uuid(h.id().value()))
                .bind("user", d.uuid(h.userId().value()))
                .bind("amount", h.amount())
                .bind("captured", h.captured())
                .bind("reason", h.reason())
                .bind("ref", h.referenceId())
                .bind("status", h.status().name())
                .bind("expires", d.instant(h.expiresAt()))
                .bind("created", d.instant(h.createdAt()))
                .bind("settled", d.instant(h.settledAt()))
                .execute();
    }

    @Override
    public void settleHold(HoldId id, HoldStatus status, long captured, Instant settledAt) {
        handle.createUpdate("UPDATE token_holds SET status = :status, captured = :captured, settled_at = :settled"
                        + " WHERE id = :id")
                .bind("status", status.name())
                .bind("captured", captured)
                .bind("settled", d.instant(settledAt))
                .bind("id", d.uuid(id.value()))
                .execute();
    }

    @Override
    public List<Hold> expiredActiveHolds(UserId user, Instant now) {
        return handle.createQuery(HOLD + " WHERE user_id = :user AND status = 'ACTIVE' AND expires_at <= :now ORDER BY id")
                .bind("user", d.uuid(user.value()))
                .bind("now", d.instant(now))
                .map((rs, ctx) -> hold(rs))
                .list();
    }

    @Override
    public List<UserId> accountsWithExpiredHolds(Instant now) {
        return handle.createQuery("SELECT DISTINCT user_id FROM token_holds WHERE status = 'ACTIVE' AND expires_at <= :now"
                        + " ORDER BY user_id")
                .bind("now", d.instant(now))
                .map((rs, ctx) -> UserId.of(d.uuid(rs, "user_id")))
                .list();
    }

    @Override
    public List<LedgerDiscrepancy> verify() {
        List<LedgerDiscrepancy> found = new ArrayList<>();
        handle.createQuery("SELECT a.user_id, a.balance, COALESCE(e.total, 0) AS total FROM token_accounts a"
                        + " LEFT JOIN (SELECT user_id, SUM(amount) AS total FROM ledger_entries GROUP BY user_id) e"
                        + " ON e.user_id = a.user_id WHERE a.balance <> COALESCE(e.total, 0) ORDER BY a.user_id")
                .map((rs, ctx) -> new LedgerDiscrepancy(UserId.of(d.uuid(rs, "user_id")), Kind.BALANCE_MISMATCH,
                        "balance " + rs.getLong("balance") + " but entries sum to " + rs.getLong("total")))
                .forEach(found::add);
        handle.createQuery("SELECT user_id, sequence, amount, balance_after, prev_balance, prev_sequence FROM ("
                        + " SELECT user_id, sequence, amount, balance_after,"
                        + " LAG(balance_after, 1, 0) OVER (PARTITION BY user_id ORDER BY sequence) AS prev_balance,"
                        + " LAG(sequence, 1, 0) OVER (PARTITION BY user_id ORDER BY sequence) AS prev_sequence"
                        + " FROM ledger_entries) chain"
                        + " WHERE balance_after <> prev_balance + amount OR sequence <> prev_sequence + 1"
                        + " ORDER BY user_id, sequence")
                .map((rs, ctx) -> new LedgerDiscrepancy(UserId.of(d.uuid(rs, "user_id")), Kind.CHAIN_BROKEN,
                        "entry " + rs.getLong("sequence") + " (after entry " + rs.getLong("prev_sequence") + " with balance "
                                + rs.getLong("prev_balance") + ") has amount " + rs.getLong("amount") + " and balance-after "
                                + rs.getLong("balance_after")))
                .forEach(found::add);
        handle.createQuery("SELECT a.user_id, a.held, COALESCE(h.total, 0) AS total FROM token_accounts a"
                        + " LEFT JOIN (SELECT user_id, SUM(amount) AS total FROM token_holds WHERE status = 'ACTIVE'"
                        + " GROUP BY user_id) h ON h.user_id = a.user_id WHERE a.held <> COALESCE(h.total, 0)"
                        + " ORDER BY a.user_id")
                .map((rs, ctx) -> new LedgerDiscrepancy(UserId.of(d.uuid(rs, "user_id")), Kind.HELD_MISMATCH,
                        "held " + rs.getLong("held") + " but active holds sum to " + rs.getLong("total")))
                .forEach(found::add);
        return found;
    }

    private LedgerEntry entry(ResultSet rs) throws SQLException {
        UUID hold = d.uuid(rs, "hold_id");
        return new LedgerEntry(UserId.of(d.uuid(rs, "user_id")), rs.getLong("sequence"), rs.getLong("amount"),
                rs.getString("reason"), rs.getString("reference_id"), rs.getLong("balance_after"),
                hold == null ? null : HoldId.of(hold), d.instant(rs, "created_at"));
    }

    private Hold hold(ResultSet rs) throws SQLException {
        return new Hold(HoldId.of(d.uuid(rs, "id")), UserId.of(d.uuid(rs, "user_id")), rs.getLong("amount"),
                rs.getLong("captured"), rs.getString("reason"), rs.getString("reference_id"),
                HoldStatus.valueOf(rs.getString("status")), d.instant(rs, "expires_at"), d.instant(rs, "created_at"),
                d.instant(rs, "settled_at"));
    }
}
