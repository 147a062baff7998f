package dev.genstore.benchmarks.workloads;

import dev.genstore.Genstore;
import dev.genstore.benchmarks.Operation;
import dev.genstore.benchmarks.Settings;
import dev.genstore.benchmarks.Trial;
import dev.genstore.benchmarks.TrialWorkload;
import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.Reservation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Authorize, then settle: {@code bench.budget.threads} threads (4) each reserve an estimate of 0.04 USD for a random
 * one of four providers ({@code budgets().authorize(provider, model, estimate)}) and settle it at 0.038 USD
 * ({@code settle(reservation, actual)}): two transactions per operation, as an application wraps one provider call.
 * Both sides have the same limits, set through genstore before the timing: a global MONTHLY limit and a DAILY limit per
 * provider, all hard, with the default alert thresholds (50, 80, 100 %), and so large (10^15 micro-USD) that nothing is
 * refused and no threshold is reached during the run. So every authorize locks and checks two limits, and every
 * settle locks them again and sums the spend for the alerts, as in real use with limits far from reached.
 *
 * <p>The baseline runs, in the same two transactions, the statements genstore's {@code BudgetsService} and
 * {@code JdbcBudgetRepository} run, with the same SQL text: authorize locks the provider's and the global limit rows
 * ({@code … ORDER BY id FOR UPDATE} on PostgreSQL and H2; SQLite's one writer is the lock), sums the period's spend and
 * live reservations of each hard limit, refuses past a limit, and inserts the reservation; settle locks the
 * reservation, checks its status and currency, locks the limits, inserts the spend record, marks the reservation
 * settled, and sums each limit's spend to look for a threshold reached (recording the alert once, if one is). Periods
 * are UTC calendar days and months, as genstore's default policy.
 *
 * <p>Both sides' cost grows with the spend of the current period: the sums read every spend record of the current day
 * and month (through the {@code (currency, spent_at)} and {@code (provider, currency, spent_at)} indexes), and each
 * operation adds one. Left alone, each side would slow down with its own count of operations so far, so the faster
 * side would be handicapped. So before every warm-up and round, untimed, each side's spend records are moved back to
 * the last day of the previous month ({@code bench.budget.age}, true; PostgreSQL then vacuums the table): every run
 * starts from an empty current period and measures authorize + settle with the few thousand records it adds itself.
 * With {@code -Dbench.budget.age=false} they stay, and the run shows the growth.
 */
public final class BudgetWorkload implements TrialWorkload {
    static final String[] PROVIDERS = {"openai", "stability", "replicate", "fal"};
    private static final String MODEL = "sdxl-1.0";
    private static final String CURRENCY = "USD";
    private static final long LIMIT = 1_000_000_000_000_000L;
    private static final long ESTIMATE = 40_000;
    private static final long ACTUAL = 38_000;
    /** genstore's default reservation lifetime ({@code BudgetPolicy.DEFAULT}). */
    private static final Duration RESERVATION_TTL = Duration.ofMinutes(15);

    // The statements of JdbcBudgetRepository: lockLimits, spent, reserved, insertReservation, lockReservation,
    // insertSpend, updateReservation, alertExists, insertAlert.
    private static final String LIMIT_COLUMNS = "SELECT id, scope, period, currency, amount, thresholds, hard, created_at,"
            + " updated_at FROM budget_limits";
    private static final String LOCK_LIMITS = LIMIT_COLUMNS + " WHERE scope IN (?, '*') AND currency = ? ORDER BY id";
    private static final String SPENT_GLOBAL = "SELECT COALESCE(SUM(amount), 0) FROM budget_spend WHERE currency = ?"
            + " AND spent_at >= ? AND spent_at < ?";
    private static final String SPENT_PROVIDER = "SELECT COALESCE(SUM(amount), 0) FROM budget_spend WHERE currency = ?"
            + " AND provider = ? AND spent_at >= ? AND spent_at < ?";
    private static final String RESERVED_GLOBAL = "SELECT COALESCE(SUM(amount), 0) FROM budget_reservations"
            + " WHERE status = 'ACTIVE' AND currency = ? AND created_at >= ? AND created_at < ? AND expires_at > ?";
    private static final String RESERVED_PROVIDER = "SELECT COALESCE(SUM(amount), 0) FROM budget_reservations"
            + " WHERE status = 'ACTIVE' AND currency = ? AND provider = ? AND created_at >= ? AND created_at < ?"
            + " AND expires_at > ?";
    private static final String INSERT_RESERVATION = "INSERT INTO budget_reservations (id, provider, model, currency,"
            + " amount, status, created_at, expires_at, settled_at, spend_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LOCK_RESERVATION = "SELECT id, provider, model, currency, amount, status, created_at,"
            + " expires_at, settled_at, spend_id FROM budget_reservations WHERE id = ?";
    private static final String INSERT_SPEND = "INSERT INTO budget_spend (id, provider, model, currency, amount, job_id,"
            + " user_id, reservation_id, spent_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_RESERVATION = "UPDATE budget_reservations SET status = ?, settled_at = ?,"
            + " spend_id = ? WHERE id = ?";
    private static final String ALERT_EXISTS = "SELECT COUNT(*) FROM budget_alerts WHERE limit_id = ? AND period_key = ?"
            + " AND threshold = ?";
    private static final String INSERT_ALERT = "INSERT INTO budget_alerts (id, limit_id, period_key, threshold, spent,"
            + " amount, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";

    @Override
    public String name() {
        return "budget";
    }

    @Override
    public Trial open(Backend backend, Settings settings) throws Exception {
        int threads = Settings.intProperty("bench.budget.threads", 4);
        Genstore store = Genstore.open(backend.genstoreNamed("budget_genstore"));
        try {
            setLimits(store);
            try (Genstore seeding = Genstore.open(backend.baselineSchema("budget_baseline"))) {
                setLimits(seeding);
            }
            RawDatabase raw = backend.raw("budget_baseline");
            return new BudgetTrial(backend, threads, store, raw);
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
    }

    /** A global MONTHLY limit and a DAILY limit per provider, all hard, default thresholds, never reached here. */
    private static void setLimits(Genstore store) {
        store.budgets().setLimit(LimitSpec.global(BudgetPeriod.MONTHLY, Cost.of(LIMIT, CURRENCY)));
        for (String provider : PROVIDERS) {
            store.budgets().setLimit(LimitSpec.provider(provider, BudgetPeriod.DAILY, Cost.of(LIMIT, CURRENCY)));
        }
    }

    /** A limit row as the baseline reads it. */
    private record LimitRow(UUID id, String scope, String period, long amount, List<Integer> thresholds, boolean hard) {
        boolean global() {
            return scope.equals("*");
        }
    }

    /** A UTC calendar period: {@code [start, end)} and its key, as BudgetPeriod.containing computes it. */
    private record Period(String key, Instant start, Instant end) {
        static Period containing(String period, Instant at) {
            LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
            boolean daily = period.equals("DAILY");
            LocalDate first = daily ? day : day.withDayOfMonth(1);
            LocalDate next = daily ? first.plusDays(1) : first.plusMonths(1);
            return new Period(daily ? first.toString() : first.toString().substring(0, 7),
                    first.atStartOfDay(ZoneOffset.UTC).toInstant(), next.atStartOfDay(ZoneOffset.UTC).toInstant());
        }
    }

    private static final class BudgetTrial implements Trial {
        private final Backend backend;
        private final int threads;
        private final Genstore store;
        private final RawDatabase raw;
        private final Statements sql;
        private final String lockLimits;
        private final String lockReservation;
        private final Clock clock = Clock.systemUTC();
        private final Ids ids = new Ids();

        BudgetTrial(Backend backend, int threads, Genstore store, RawDatabase raw) {
            this.backend = backend;
            this.threads = threads;
            this.store = store;
            this.raw = raw;
            this.sql = new Statements(backend);
            this.lockLimits = LOCK_LIMITS + raw.forUpdate();
            this.lockReservation = LOCK_RESERVATION + raw.forUpdate();
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public boolean reportsCpu() {
            return true;
        }

        @Override
        public void beforeRun(boolean genstoreSide, Duration duration) throws SQLException {
            if (!Boolean.parseBoolean(System.getProperty("bench.budget.age", "true"))) {
                return;
            }
            Instant monthStart = Period.containing("MONTHLY", now()).start();
            try (Connection c = backend.connect(genstoreSide ? "budget_genstore" : "budget_baseline")) {
                try (PreparedStatement update = c.prepareStatement("UPDATE budget_spend SET spent_at = ? WHERE spent_at >= ?")) {
                    sql.instant(update, 1, monthStart.minus(Duration.ofDays(1)));
                    sql.instant(update, 2, monthStart);
                    update.executeUpdate();
                }
                if (backend.name().equals("postgres")) {
                    try (Statement vacuum = c.createStatement()) {
                        vacuum.execute("VACUUM ANALYZE budget_spend, budget_reservations");
                    }
                }
            }
        }

        @Override
        public Operation genstore() {
            return () -> {
                String provider = PROVIDERS[ThreadLocalRandom.current().nextInt(PROVIDERS.length)];
                Reservation reservation = store.budgets().authorize(provider, MODEL, Cost.of(ESTIMATE, CURRENCY));
                store.budgets().settle(reservation.id(), Cost.of(ACTUAL, CURRENCY));
            };
        }

        @Override
        public Operation baseline() {
            return () -> {
                String provider = PROVIDERS[ThreadLocalRandom.current().nextInt(PROVIDERS.length)];
                UUID reservation = authorize(provider, MODEL, ESTIMATE);
                settle(reservation, ACTUAL);
            };
        }

        private Instant now() {
            return clock.instant().truncatedTo(ChronoUnit.MICROS);
        }

        /** Reserves {@code estimate} unless a hard limit would be passed; returns the reservation's id. */
        private UUID authorize(String provider, String model, long estimate) throws SQLException {
            return raw.inTransaction(c -> {
                Instant now = now();
                for (LimitRow limit : lockLimits(c, provider)) {
                    if (!limit.hard()) {
                        continue;
                    }
                    Period period = Period.containing(limit.period(), now);
                    long spent = spent(c, limit, period);
                    long reserved = reserved(c, limit, period, now);
                    if (Math.addExact(Math.addExact(spent, reserved), estimate) > limit.amount()) {
                        throw new IllegalStateException("budget exceeded: limit " + limit.id() + " " + period.key());
                    }
                }
                UUID id = ids.next();
                try (PreparedStatement insert = c.prepareStatement(INSERT_RESERVATION)) {
                    sql.uuid(insert, 1, id);
                    insert.setString(2, provider);
                    insert.setString(3, model);
                    insert.setString(4, CURRENCY);
                    insert.setLong(5, estimate);
                    insert.setString(6, "ACTIVE");
                    sql.instant(insert, 7, now);
                    sql.instant(insert, 8, now.plus(RESERVATION_TTL));
                    sql.instant(insert, 9, null);
                    sql.uuid(insert, 10, null);
                    insert.executeUpdate();
                }
                return id;
            });
        }

        /** Records the spend of a live (or expired) reservation and marks it settled; alerts on thresholds reached. */
        private void settle(UUID reservation, long actual) throws SQLException {
            raw.inTransaction(c -> {
                String provider;
                String model;
                try (PreparedStatement select = c.prepareStatement(lockReservation)) {
                    sql.uuid(select, 1, reservation);
                    try (ResultSet rs = select.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("no reservation " + reservation);
                        }
                        String status = rs.getString("status");
                        if (!status.equals("ACTIVE") && !status.equals("EXPIRED")) {
                            throw new IllegalStateException("reservation " + reservation + " is " + status);
                        }
                        if (!rs.getString("currency").equals(CURRENCY)) {
                            throw new IllegalStateException("reservation " + reservation + " is in another currency");
                        }
                        provider = rs.getString("provider");
                        model = rs.getString("model");
                    }
                }
                List<LimitRow> limits = lockLimits(c, provider);
                Instant now = now();
                UUID spend = ids.next();
                try (PreparedStatement insert = c.prepareStatement(INSERT_SPEND)) {
                    sql.uuid(insert, 1, spend);
                    insert.setString(2, provider);
                    insert.setString(3, model);
                    insert.setString(4, CURRENCY);
                    insert.setLong(5, actual);
                    sql.uuid(insert, 6, null);
                    sql.uuid(insert, 7, null);
                    sql.uuid(insert, 8, reservation);
                    sql.instant(insert, 9, now);
                    insert.executeUpdate();
                }
                try (PreparedStatement update = c.prepareStatement(UPDATE_RESERVATION)) {
                    update.setString(1, "SETTLED");
                    sql.instant(update, 2, now);
                    sql.uuid(update, 3, spend);
                    sql.uuid(update, 4, reservation);
                    update.executeUpdate();
                }
                for (LimitRow limit : limits) {
                    recordAlerts(c, limit, now);
                }
                return null;
            });
        }

        /** Records each threshold of {@code limit} its period's spend has reached, unless already recorded. */
        private void recordAlerts(Connection c, LimitRow limit, Instant at) throws SQLException {
            Period period = Period.containing(limit.period(), at);
            long spent = spent(c, limit, period);
            for (int threshold : limit.thresholds()) {
                if (Math.multiplyExact(spent, 100L) < Math.multiplyExact(limit.amount(), (long) threshold)) {
                    break;
                }
                boolean exists;
                try (PreparedStatement select = c.prepareStatement(ALERT_EXISTS)) {
                    sql.uuid(select, 1, limit.id());
                    select.setString(2, period.key());
                    select.setInt(3, threshold);
                    try (ResultSet rs = select.executeQuery()) {
                        rs.next();
                        exists = rs.getLong(1) > 0;
                    }
                }
                if (!exists) {
                    try (PreparedStatement insert = c.prepareStatement(INSERT_ALERT)) {
                        sql.uuid(insert, 1, ids.next());
                        sql.uuid(insert, 2, limit.id());
                        insert.setString(3, period.key());
                        insert.setInt(4, threshold);
                        insert.setLong(5, spent);
                        insert.setLong(6, limit.amount());
                        sql.instant(insert, 7, now());
                        insert.executeUpdate();
                    }
                }
            }
        }

        /** The global and the provider's limit rows, locked where the database has row locks. */
        private List<LimitRow> lockLimits(Connection c, String provider) throws SQLException {
            List<LimitRow> limits = new ArrayList<>(2);
            try (PreparedStatement select = c.prepareStatement(lockLimits)) {
                select.setString(1, provider);
                select.setString(2, CURRENCY);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        List<Integer> thresholds = new ArrayList<>();
                        String text = rs.getString("thresholds");
                        if (!text.isEmpty()) {
                            for (String part : text.split(",")) {
                                thresholds.add(Integer.parseInt(part));
                            }
                        }
                        limits.add(new LimitRow(sql.uuid(rs, "id"), rs.getString("scope"), rs.getString("period"),
                                rs.getLong("amount"), thresholds, rs.getInt("hard") != 0));
                    }
                }
            }
            return limits;
        }

        private long spent(Connection c, LimitRow limit, Period period) throws SQLException {
            try (PreparedStatement select = c.prepareStatement(limit.global() ? SPENT_GLOBAL : SPENT_PROVIDER)) {
                int i = 1;
                select.setString(i++, CURRENCY);
                if (!limit.global()) {
                    select.setString(i++, limit.scope());
                }
                sql.instant(select, i++, period.start());
                sql.instant(select, i, period.end());
                return sum(select);
            }
        }

        private long reserved(Connection c, LimitRow limit, Period period, Instant now) throws SQLException {
            try (PreparedStatement select = c.prepareStatement(limit.global() ? RESERVED_GLOBAL : RESERVED_PROVIDER)) {
                int i = 1;
                select.setString(i++, CURRENCY);
                if (!limit.global()) {
                    select.setString(i++, limit.scope());
                }
                sql.instant(select, i++, period.start());
                sql.instant(select, i++, period.end());
                sql.instant(select, i, now);
                return sum(select);
            }
        }

        private static long sum(PreparedStatement select) throws SQLException {
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public void check(long genstoreOps, long baselineOps) throws Exception {
            check("genstore", "budget_genstore", genstoreOps);
            check("baseline", "budget_baseline", baselineOps);
        }

        /** One reservation per counted operation, each settled, and one spend record of the actual cost for each. */
        private void check(String side, String database, long operations) throws SQLException {
            try (Connection c = backend.connect(database); Statement s = c.createStatement()) {
                long reservations = count(s, "SELECT COUNT(*) FROM budget_reservations");
                long settled = count(s, "SELECT COUNT(*) FROM budget_reservations WHERE status = 'SETTLED'");
                long spends = count(s, "SELECT COUNT(*) FROM budget_spend");
                long spent = count(s, "SELECT COALESCE(SUM(amount), 0) FROM budget_spend");
                long alerts = count(s, "SELECT COUNT(*) FROM budget_alerts");
                if (reservations != operations || settled != operations || spends != operations
                        || spent != operations * ACTUAL || alerts != 0) {
                    throw new IllegalStateException(side + ": " + operations + " operations ran but the database has "
                            + reservations + " reservations (" + settled + " settled), " + spends
                            + " spend records of " + spent + " micro-USD in all, " + alerts + " alerts");
                }
            }
        }

        private static long count(Statement s, String query) throws SQLException {
            try (ResultSet rs = s.executeQuery(query)) {
                rs.next();
                return rs.getLong(1);
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
