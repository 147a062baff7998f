package dev.genstore.internal.budget;

import dev.genstore.budget.AlertId;
import dev.genstore.budget.BudgetAlert;
import dev.genstore.budget.BudgetAlertListener;
import dev.genstore.budget.BudgetLimit;
import dev.genstore.budget.BudgetLimitId;
import dev.genstore.budget.BudgetPeriod;
import dev.genstore.budget.BudgetPolicy;
import dev.genstore.budget.BudgetStatus;
import dev.genstore.budget.Budgets;
import dev.genstore.budget.Cost;
import dev.genstore.budget.LimitSpec;
import dev.genstore.budget.NewSpend;
import dev.genstore.budget.PeriodRange;
import dev.genstore.budget.Reservation;
import dev.genstore.budget.ReservationId;
import dev.genstore.budget.ReservationStatus;
import dev.genstore.budget.SpendId;
import dev.genstore.budget.SpendRecord;
import dev.genstore.budget.SpendSummary;
import dev.genstore.errors.BudgetExceededException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.internal.Cursors;
import dev.genstore.internal.Pages;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.BudgetRepository;
import dev.genstore.spi.Repositories;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The budget rules: limits on calendar periods, reservations checked under the limit rows' locks, alerts once each. */
public final class BudgetsService implements Budgets {
    static final String UNSPECIFIED_MODEL = "unspecified";
    private static final String ALERTS = "alerts";

    private static final Logger ALERT_LOG = LoggerFactory.getLogger("dev.genstore.budget.alerts");

    private final ServiceContext context;
    private final BudgetPolicy policy;
    private final List<BudgetAlertListener> alertListeners;

    public BudgetsService(ServiceContext context, BudgetPolicy policy) {
        this(context, policy, List.of());
    }

    public BudgetsService(ServiceContext context, BudgetPolicy policy, List<BudgetAlertListener> alertListeners) {
        this.context = context;
        this.policy = policy;
        this.alertListeners = List.copyOf(alertListeners);
    }

    @Override
    public BudgetLimit setLimit(LimitSpec spec) {
        Validate.notNull("limit", spec);
        String provider = spec.provider() == null ? null : Validate.provider(spec.provider());
        Validate.notNull("period", spec.period());
        Validate.notNull("amount", spec.amount());
        Validate.positive("amount", spec.amount().micros());
        List<Integer> thresholds = thresholds(spec.thresholds() == null ? policy.defaultThresholds() : spec.thresholds());
        return context.storage().write(r -> {
            Instant now = context.now();
            Optional<BudgetLimit> current = r.budgets().findLimit(provider, spec.period(), spec.amount().currency());
            if (current.isPresent()) {
                BudgetLimit updated = new BudgetLimit(current.get().id(), provider, spec.period(), spec.amount().currency(),
                        spec.amount().micros(), thresholds, spec.hard(), current.get().createdAt(), now);
                r.budgets().updateLimit(updated);
                return updated;
            }
            BudgetLimit created = new BudgetLimit(BudgetLimitId.of(context.newId()), provider, spec.period(),
                    spec.amount().currency(), spec.amount().micros(), thresholds, spec.hard(), now, now);
            r.budgets().insertLimit(created);
            return created;
        });
    }

    private static List<Integer> thresholds(List<Integer> percents) {
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer percent : percents) {
            if (percent == null || percent < 1 || percent > 1000) {
                throw new InvalidInputException("thresholds", "must be percentages from 1 to 1000, was " + percent);
            }
            sorted.add(percent);
        }
        return List.copyOf(sorted);
    }

    @Override
    public List<BudgetLimit> limits() {
        return context.storage().read(r -> r.budgets().limits());
    }

    @Override
    public void removeLimit(BudgetLimitId id) {
        Validate.notNull("limitId", id);
        context.storage().write(r -> {
            if (!r.budgets().deleteLimit(id)) {
                throw new NotFoundException("budget limit", id);
            }
            return null;
        });
    }

    @Override
    public SpendRecord record(NewSpend spend) {
        Validate.notNull("spend", spend);
        String provider = Validate.provider(spend.provider());
        String model = Validate.text("model", spend.model(), 200);
        Validate.notNull("cost", spend.cost());
        Validate.summedAmount("cost", spend.cost().micros());
        return context.storage().write(r -> {
            if (spend.userId() != null && r.users().find(spend.userId()).isEmpty()) {
                throw new NotFoundException("user", spend.userId());
            }
            if (spend.userId() != null && spend.jobId() != null) {
                // One user's spend is never tied to another user's job (nor to a job that does not exist).
                Validate.exists(r.jobs().findJob(spend.jobId()).filter(job -> job.owner().equals(spend.userId())), "job",
                        spend.jobId());
            }
            List<BudgetLimit> limits = r.budgets().lockLimits(provider, spend.cost().currency());
            SpendRecord created = new SpendRecord(SpendId.of(context.newId()), provider, model, spend.cost(),
                    spend.jobId(), spend.userId(), null, context.now());
            r.budgets().insertSpend(created);
            recordAlerts(r.budgets(), limits, created.spentAt());
            reportSpend(created);
            return created;
        });
    }

    @Override
    public Reservation authorize(String provider, Cost estimate) {
        return authorize(provider, UNSPECIFIED_MODEL, estimate);
    }

    @Override
    public Reservation authorize(String provider, String model, Cost estimate) {
        String validProvider = Validate.provider(provider);
        String validModel = Validate.text("model", model, 200);
        Validate.notNull("estimate", estimate);
        Validate.positive("estimate", estimate.micros());
        Validate.summedAmount("estimate", estimate.micros());
        return context.storage().write(r -> {
            Instant now = context.now();
            BudgetRepository budgets = r.budgets();
            for (BudgetLimit limit : budgets.lockLimits(validProvider, estimate.currency())) {
                if (!limit.hard()) {
                    continue;
                }
                PeriodRange range = limit.period().containing(now, policy.zone());
                long spent = budgets.spent(limit.provider(), limit.currency(), range.start(), range.end());
                long reserved = budgets.reserved(limit.provider(), limit.currency(), range.start(), range.end(), now);
                if (BigInteger.valueOf(spent).add(BigInteger.valueOf(reserved)).add(BigInteger.valueOf(estimate.micros()))
                        .compareTo(BigInteger.valueOf(limit.amount())) > 0) {
                    context.report(m -> m.budgetRefused(validProvider));
                    throw new BudgetExceededException(limit.id().toString(), limit.describe() + " " + range.key(),
                            limit.amount(), spent, reserved, estimate.micros());
                }
            }
            Reservation created = new Reservation(ReservationId.of(context.newId()), validProvider, validModel, estimate,
                    ReservationStatus.ACTIVE, now, now.plus(policy.reservationTtl()), null, null);
            budgets.insertReservation(created);
            return created;
        });
    }

    @Override
    public SpendRecord settle(ReservationId id, Cost actual) {
        Validate.notNull("reservationId", id);
        Validate.notNull("actual", actual);
        Validate.summedAmount("actual", actual.micros());
        return context.storage().write(r -> {
            BudgetRepository budgets = r.budgets();
            Reservation reservation = budgets.lockReservation(id).orElseThrow(() -> new NotFoundException("reservation", id));
            if (reservation.status() != ReservationStatus.ACTIVE && reservation.status() != ReservationStatus.EXPIRED) {
                throw new IllegalTransitionException("reservation", id, reservation.status(), ReservationStatus.SETTLED);
            }
            if (!actual.currency().equals(reservation.estimate().currency())) {
                throw new InvalidInputException("actual", "must be in the reservation's currency "
                        + reservation.estimate().currency() + ", was " + actual.currency());
            }
            List<BudgetLimit> limits = budgets.lockLimits(reservation.provider(), actual.currency());
            Instant now = context.now();
            SpendRecord spend = new SpendRecord(SpendId.of(context.newId()), reservation.provider(), reservation.model(),
                    actual, null, null, id, now);
            budgets.insertSpend(spend);
            budgets.updateReservation(id, ReservationStatus.SETTLED, now, spend.id());
            recordAlerts(budgets, limits, now);
            reportSpend(spend);
            return spend;
        });
    }

    private void reportSpend(SpendRecord spend) {
        context.reportAfterCommit(m -> m.budgetSpent(spend.provider(), spend.cost().currency(), spend.cost().micros()));
    }

    @Override
    public Reservation cancel(ReservationId id) {
        Validate.notNull("reservationId", id);
        return context.storage().write(r -> {
            Reservation reservation = r.budgets().lockReservation(id).orElseThrow(() -> new NotFoundException("reservation", id));
            if (reservation.status() != ReservationStatus.ACTIVE) {
                throw new IllegalTransitionException("reservation", id, reservation.status(), ReservationStatus.CANCELLED);
            }
            Instant now = context.now();
            r.budgets().updateReservation(id, ReservationStatus.CANCELLED, now, null);
            return r.budgets().findReservation(id).orElseThrow();
        });
    }

    @Override
    public Optional<Reservation> findReservation(ReservationId id) {
        Validate.notNull("reservationId", id);
        return context.storage().read(r -> r.budgets().findReservation(id));
    }

    @Override
    public int expireReservations() {
        return context.storage().write(r -> r.budgets().expireReservations(context.now()));
    }

    @Override
    public PeriodRange currentPeriod(BudgetPeriod period) {
        Validate.notNull("period", period);
        return period.containing(context.now(), policy.zone());
    }

    @Override
    public List<SpendSummary> spend(PeriodRange period) {
        Validate.notNull("period", period);
        Validate.searchable("period.key", period.key()); // not used to look up, but a caller's text all the same
        return spend(period.start(), period.end());
    }

    @Override
    public List<SpendSummary> spend(Instant from, Instant to) {
        Validate.instant("from", from);
        Validate.instant("to", to);
        if (to.isBefore(from)) {
            throw new InvalidInputException("to", "must not be before from");
        }
        return context.storage().read(r -> r.budgets().spendSummary(from, to));
    }

    @Override
    public BudgetStatus status(BudgetLimitId id) {
        Validate.notNull("limitId", id);
        return context.storage().read(r -> {
            BudgetLimit limit = r.budgets().findLimit(id).orElseThrow(() -> new NotFoundException("budget limit", id));
            return status(r, limit, context.now());
        });
    }

    @Override
    public List<BudgetStatus> statuses() {
        return context.storage().read(r -> {
            Instant now = context.now();
            List<BudgetStatus> statuses = new ArrayList<>();
            for (BudgetLimit limit : r.budgets().limits()) {
                statuses.add(status(r, limit, now));
            }
            return statuses;
        });
    }

    private BudgetStatus status(Repositories r, BudgetLimit limit, Instant now) {
        PeriodRange range = limit.period().containing(now, policy.zone());
        long spent = r.budgets().spent(limit.provider(), limit.currency(), range.start(), range.end());
        long reserved = r.budgets().reserved(limit.provider(), limit.currency(), range.start(), range.end(), now);
        long remaining = Math.max(0, limit.amount() - spent - reserved);
        return new BudgetStatus(limit, range, spent, reserved, remaining);
    }

    @Override
    public Page<BudgetAlert> alerts(PageRequest page) {
        Validate.notNull("page", page);
        AlertId before = page.after() == null ? null : AlertId.of(Cursors.decodeUuid(ALERTS, page.after()));
        List<BudgetAlert> rows = context.storage().read(r -> r.budgets().alertsBefore(before, page.size() + 1));
        return Pages.of(rows, page.size(), a -> Cursors.encode(ALERTS, a.id()));
    }

    /**
     * Tells the listeners of {@code alert} once the outermost transaction commits: an attempt that rolls back (and a
     * retried one) drops its after-commit actions, so an alert is pushed once, and only when it was really recorded.
     */
    private void pushAfterCommit(BudgetAlert alert) {
        if (alertListeners.isEmpty()) {
            return;
        }
        context.storage().afterCommit(() -> {
            for (BudgetAlertListener listener : alertListeners) {
                try {
                    listener.onAlert(alert);
                } catch (RuntimeException | Error e) {
                    if (e instanceof VirtualMachineError fatal) {
                        throw fatal;
                    }
                    ALERT_LOG.error("budget alert listener {} failed on alert {} (limit {}, period {}, {} %)",
                            listener, alert.id(), alert.limitId(), alert.periodKey(), alert.threshold(), e);
                }
            }
        });
    }

    /** Records each threshold the limits' spend has reached in the period of {@code at}, unless already recorded. */
    private void recordAlerts(BudgetRepository budgets, List<BudgetLimit> limits, Instant at) {
        for (BudgetLimit limit : limits) {
            PeriodRange range = limit.period().containing(at, policy.zone());
            long spent = budgets.spent(limit.provider(), limit.currency(), range.start(), range.end());
            BigInteger spentPercent = BigInteger.valueOf(spent).multiply(BigInteger.valueOf(100));
            for (int threshold : limit.thresholds()) {
                if (spentPercent.compareTo(BigInteger.valueOf(limit.amount()).multiply(BigInteger.valueOf(threshold))) < 0) {
                    break;
                }
                if (!budgets.alertExists(limit.id(), range.key(), threshold)) {
                    BudgetAlert alert = new BudgetAlert(AlertId.of(context.newId()), limit.id(), range.key(), threshold,
                            spent, limit.amount(), context.now());
                    budgets.insertAlert(alert);
                    pushAfterCommit(alert);
                }
            }
        }
    }
}
