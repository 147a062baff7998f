package dev.genstore.jdbc.internal;

import dev.genstore.budget.AlertId;
import dev.genstore.budget.BudgetAlert;
import dev.genstore.budget.BudgetLimit;
import dev.genstore.budget.BudgetLimitId;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.Reservation;
import dev.genstore.budget.ReservationId;
import dev.genstore.budget.ReservationStatus;
import dev.genstore.budget.SpendId;
import dev.genstore.budget.SpendRecord;
import dev.genstore.budget.SpendSummary;
import dev.genstore.jdbc.Dialect;
import dev.genstore.spi.BudgetRepository;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/** Budget limits, spend, reservations and alerts. A global limit's scope is stored as {@code *}. */
final class JdbcBudgetRepository implements BudgetRepository {
    private static final String GLOBAL = "*";
    private static final String LIMIT = "SELECT id, scope, period, currency, amount, thresholds, hard, created_at, updated_at"
            + " FROM budget_limits";
    private static final String RESERVATION = "SELECT id, provider, model, currency, amount, status, created_at, expires_at,"
            + " settled_at, spend_id FROM budget_reservations";
    private static final String ALERT = "SELECT id, limit_id, period_key, threshold, spent, amount, created_at FROM budget_alerts";

    private final Handle handle;
    private final Dialect d;

    JdbcBudgetRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    private static String scope(String provider) {
        return provider == null ? GLOBAL : provider;
    }

    private static String thresholds(List<Integer> thresholds) {
        StringBuilder text = new StringBuilder();
        for (Integer t : thresholds) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(t);
        }
        return text.toString();
    }

    @Override
    public void insertLimit(BudgetLimit l) {
        handle.createUpdate("INSERT INTO budget_limits (id, scope, period, currency, amount, thresholds, hard, created_at,"
                        + " updated_at) VALUES (:id, :scope, :period, :currency, :amount, :thresholds, :hard, :created, :updated)")
                .bind("id", d.uuid(l.id().value()))
                .bind("scope", scope(l.provider()))
                .bind("period", l.period().name())
                .bind("currency", l.currency())
                .bind("amount", l.amount())
                .bind("thresholds", thresholds(l.thresholds()))
                .bind("hard", l.hard() ? 1 : 0)
                .bind("created", d.instant(l.createdAt()))
                .bind("updated", d.instant(l.updatedAt()))
                .execute();
    }

    @Override
    public void updateLimit(BudgetLimit l) {
        handle.createUpdate("UPDATE budget_limits SET amount = :amount, thresholds = :thresholds, hard = :hard,"
                        + " updated_at = :updated WHERE id = :id")
                .bind("id", d.uuid(l.id().value()))
                .bind("amount", l.amount())
                .bind("thresholds", thresholds(l.thresholds()))
                .bind("hard", l.hard() ? 1 : 0)
                .bind("updated", d.instant(l.updatedAt()))
                .execute();
    }

    @Override
    public Optional<BudgetLimit> findLimit(BudgetLimitId id) {
        return handle.createQuery(LIMIT + " WHERE id = :id").bind("id", d.uuid(id.value()))
                .map((rs, ctx) -> limit(rs)).findOne();
    }

    @Override
    public Optional<BudgetLimit> findLimit(String provider, BudgetPeriod period, String currency) {
        return handle.createQuery(LIMIT + " WHERE scope = :scope AND period = :period AND currency = :currency")
                .bind("scope", scope(provider))
                .bind("period", period.name())
                .bind("currency", currency)
                .map((rs, ctx) -> limit(rs)).findOne();
    }

    @Override
    public List<BudgetLimit> limits() {
        return handle.createQuery(LIMIT + " ORDER BY id").map((rs, ctx) -> limit(rs)).list();
    }

    @Override
    public boolean deleteLimit(BudgetLimitId id) {
        handle.createUpdate("DELETE FROM budget_alerts WHERE limit_id = :id").bind("id", d.uuid(id.value())).execute();
        return handle.createUpdate("DELETE FROM budget_limits WHERE id = :id").bind("id", d.uuid(id.value())).execute() > 0;
    }

    // authorize() and settle() run the statements below through DirectSql (prepared once per connection, bound by
    // hand): they are the hot path, and each operation runs about a dozen of them.
    @Override
    public List<BudgetLimit> lockLimits(String provider, String currency) {
        return DirectSql.list(handle, LIMIT + " WHERE scope IN (?, '" + GLOBAL + "') AND currency = ? ORDER BY id" + d.forUpdate(),
                statement -> {
                    statement.setString(1, provider);
                    statement.setString(2, currency);
                }, this::limit);
    }

    @Override
    public long spent(String provider, String currency, Instant from, Instant to) {
        return DirectSql.one(handle, "SELECT COALESCE(SUM(amount), 0) FROM budget_spend WHERE currency = ?"
                + (provider == null ? "" : " AND provider = ?") + " AND spent_at >= ? AND spent_at < ?", statement -> {
                    int next = 1;
                    statement.setString(next++, currency);
                    if (provider != null) {
                        statement.setString(next++, provider);
                    }
                    d.instant(from).apply(next++, statement, null);
                    d.instant(to).apply(next, statement, null);
                }, rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public long reserved(String provider, String currency, Instant from, Instant to, Instant now) {
        return DirectSql.one(handle, "SELECT COALESCE(SUM(amount), 0) FROM budget_reservations WHERE status = 'ACTIVE'"
                + " AND currency = ?" + (provider == null ? "" : " AND provider = ?")
                + " AND created_at >= ? AND created_at < ? AND expires_at > ?", statement -> {
                    int next = 1;
                    statement.setString(next++, currency);
                    if (provider != null) {
                        statement.setString(next++, provider);
                    }
                    d.instant(from).apply(next++, statement, null);
                    d.instant(to).apply(next++, statement, null);
                    d.instant(now).apply(next, statement, null);
                }, rs -> rs.getLong(1)).orElse(0L);
    }

    @Override
    public void insertSpend(SpendRecord s) {
        DirectSql.update(handle, "INSERT INTO budget_spend (id, provider, model, currency, amount, job_id, user_id,"
                + " reservation_id, spent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    d.uuid(s.id().value()).apply(1, statement, null);
                    statement.setString(2, s.provider());
                    statement.setString(3, s.model());
                    statement.setString(4, s.cost().currency());
                    statement.setLong(5, s.cost().micros());
                    d.uuid(s.jobId() == null ? null : s.jobId().value()).apply(6, statement, null);
                    d.uuid(s.userId() == null ? null : s.userId().value()).apply(7, statement, null);
                    d.uuid(s.reservationId() == null ? null : s.reservationId().value()).apply(8, statement, null);
                    d.instant(s.spentAt()).apply(9, statement, null);
                });
    }

    @Override
    public void insertReservation(Reservation r) {
        DirectSql.update(handle, "INSERT INTO budget_reservations (id, provider, model, currency, amount, status, created_at,"
                + " expires_at, settled_at, spend_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
                    d.uuid(r.id().value()).apply(1, statement, null);
                    statement.setString(2, r.provider());
                    statement.setString(3, r.model());
                    statement.setString(4, r.estimate().currency());
                    statement.setLong(5, r.estimate().micros());
                    statement.setString(6, r.status().name());
                    d.instant(r.createdAt()).apply(7, statement, null);
                    d.instant(r.expiresAt()).apply(8, statement, null);
                    d.instant(r.settledAt()).apply(9, statement, null);
                    d.uuid(r.spendId() == null ? null : r.spendId().value()).apply(10, statement, null);
                });
    }

    @Override
    public Optional<Reservation> findReservation(ReservationId id) {
        return handle.createQuery(RESERVATION + " WHERE id = :id").bind("id", d.uuid(id.value()))
                .map((rs, ctx) -> reservation(rs)).findOne();
    }

    @Override
    public Optional<Reservation> lockReservation(ReservationId id) {
        return DirectSql.one(handle, RESERVATION + " WHERE id = ?" + d.forUpdate(),
                statement -> d.uuid(id.value()).apply(1, statement, null), this::reservation);
    }

    @Override
    public void updateReservation(ReservationId id, ReservationStatus status, Instant settledAt, SpendId spendId) {
        DirectSql.update(handle, "UPDATE budget_reservations SET status = ?, settled_at = ?, spend_id = ? WHERE id = ?",
                statement -> {
                    statement.setString(1, status.name());
                    d.instant(settledAt).apply(2, statement, null);
                    d.uuid(spendId == null ? null : spendId.value()).apply(3, statement, null);
                    d.uuid(id.value()).apply(4, statement, null);
                });
    }

    @Override
    public int expireReservations(Instant now) {
        return handle.createUpdate("UPDATE budget_reservations SET status = 'EXPIRED', settled_at = :now"
                        + " WHERE status = 'ACTIVE' AND expires_at <= :now")
                .bind("now", d.instant(now))
                .execute();
    }

    @Override
    public boolean alertExists(BudgetLimitId limit, String periodKey, int threshold) {
        return DirectSql.one(handle, "SELECT COUNT(*) FROM budget_alerts WHERE limit_id = ? AND period_key = ? AND threshold = ?",
                statement -> {
                    d.uuid(limit.value()).apply(1, statement, null);
                    statement.setString(2, periodKey);
                    statement.setInt(3, threshold);
                }, rs -> rs.getLong(1)).orElse(0L) > 0;
    }

    @Override
    public void insertAlert(BudgetAlert a) {
        handle.createUpdate("INSERT INTO budget_alerts (id, limit_id, period_key, threshold, spent, amount, created_at)"
                        + " VALUES (:id, :limit, :key, :threshold, :spent, :amount, :created)")
                .bind("id", d.uuid(a.id().value()))
                .bind("limit", d.uuid(a.limitId().value()))
                .bind("key", a.periodKey())
                .bind("threshold", a.threshold())
                .bind("spent", a.spent())
                .bind("amount", a.amount())
                .bind("created", d.instant(a.createdAt()))
                .execute();
    }

    @Override
    public List<BudgetAlert> alertsBefore(AlertId before, int limit) {
        Query query = handle.createQuery(ALERT + (before == null ? "" : " WHERE id < :before") + " ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit);
        if (before != null) {
            query.bind("before", d.uuid(before.value()));
        }
        return query.map((rs, ctx) -> alert(rs)).list();
    }

    @Override
    public List<SpendSummary> spendSummary(Instant from, Instant to) {
        return handle.createQuery("SELECT provider, model, currency, SUM(amount) AS total, COUNT(*) AS records"
                        + " FROM budget_spend WHERE spent_at >= :from AND spent_at < :to"
                        + " GROUP BY provider, model, currency ORDER BY provider, model, currency")
                .bind("from", d.instant(from))
                .bind("to", d.instant(to))
                .map((rs, ctx) -> new SpendSummary(rs.getString("provider"), rs.getString("model"), rs.getString("currency"),
                        rs.getLong("total"), rs.getLong("records")))
                .list();
    }

    private BudgetLimit limit(ResultSet rs) throws SQLException {
        String scope = rs.getString("scope");
        List<Integer> thresholds = new ArrayList<>();
        String text = rs.getString("thresholds");
        if (!text.isEmpty()) {
            for (String part : text.split(",")) {
                thresholds.add(Integer.parseInt(part));
            }
        }
        return new BudgetLimit(BudgetLimitId.of(d.uuid(rs, "id")), GLOBAL.equals(scope) ? null : scope,
                BudgetPeriod.valueOf(rs.getString("period")), rs.getString("currency"), rs.getLong("amount"), thresholds,
                rs.getInt("hard") != 0, d.instant(rs, "created_at"), d.instant(rs, "updated_at"));
    }

    private Reservation reservation(ResultSet rs) throws SQLException {
        UUID spend = d.uuid(rs, "spend_id");
        return new Reservation(ReservationId.of(d.uuid(rs, "id")), rs.getString("provider"), rs.getString("model"),
                Cost.of(rs.getLong("amount"), rs.getString("currency")), ReservationStatus.valueOf(rs.getString("status")),
                d.instant(rs, "created_at"), d.instant(rs, "expires_at"), d.instant(rs, "settled_at"),
                spend == null ? null : SpendId.of(spend));
    }

    private BudgetAlert alert(ResultSet rs) throws SQLException {
        return new BudgetAlert(AlertId.of(d.uuid(rs, "id")), BudgetLimitId.of(d.uuid(rs, "limit_id")),
                rs.getString("period_key"), rs.getInt("threshold"), rs.getLong("spent"), rs.getLong("amount"),
                d.instant(rs, "created_at"));
    }
}
