package dev.genstore.internal.ledger;

import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.internal.Cursors;
import dev.genstore.internal.Pages;
import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.Ledger;
import dev.genstore.ledger.LedgerDiscrepancy;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.OperatorLedger;
import dev.genstore.ledger.TokenAccount;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.AccountRow;
import dev.genstore.spi.LedgerRepository;
import dev.genstore.spi.Repositories;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's rules. Every change locks the account first ({@link LedgerRepository#lockAccount}), so checks made
 * after the lock (idempotency, available balance, hold state) still hold when the writes land.
 */
public final class LedgerService implements Ledger {
    private static final String LISTING = "ledger";
    private final ServiceContext context;
    private final OperatorLedger operator = new OperatorLedgerView(this);

    public LedgerService(ServiceContext context) {
        this.context = context;
    }

    @Override
    public OperatorLedger operator() {
        return operator;
    }

    @Override
    public TokenAccount account(UserId user) {
        Validate.notNull("userId", user);
        Instant now = context.now();
        Optional<AccountRow> current = context.storage().read(r -> {
            Optional<AccountRow> row = r.ledger().findAccount(user);
            // Only a hold that expired since the last write makes the stored row stale.
            return row.filter(a -> a.held() == 0 || r.ledger().expiredActiveHolds(user, now).isEmpty());
        });
        if (current.isPresent()) {
            return current.get().toAccount();
        }
        return context.storage().write(r -> lockedAccount(r, user, now).toAccount());
    }

    @Override
    public TokenAccount changePlan(UserId user, String plan) {
        Validate.notNull("userId", user);
        String valid = Validate.text("plan", plan, 64);
        Instant now = context.now();
        return context.storage().write(r -> {
            lockedAccount(r, user, now);
            r.ledger().updatePlan(user, valid, now);
            return r.ledger().findAccount(user).orElseThrow().toAccount();
        });
    }

    @Override
    public LedgerEntry credit(UserId user, long amount, String reason, String referenceId) {
        Validate.notNull("userId", user);
        Validate.positive("amount", amount);
        String validReason = Validate.text("reason", reason, 64);
        String validReference = Validate.text("referenceId", referenceId, 200);
        Instant now = context.now();
        return context.storage().write(r -> {
            AccountRow account = lockedAccount(r, user, now);
            Optional<LedgerEntry> first = r.ledger().findEntry(user, validReference);
            if (first.isPresent()) {
                return sameTerms(first.get(), amount, validReason, validReference);
            }
            long balance;
            try {
                balance = Math.addExact(account.balance(), amount);
            } catch (ArithmeticException overflow) {
                throw new InvalidInputException("amount", "would overflow the balance " + account.balance() + ": " + amount);
            }
            return append(r.ledger(), account, amount, balance, account.held(), validReason, validReference, null, now);
        });
    }

    @Override
    public LedgerEntry debit(UserId user, long amount, String reason, String referenceId) {
        Validate.notNull("userId", user);
        Validate.positive("amount", amount);
        String validReason = Validate.text("reason", reason, 64);
        String validReference = Validate.text("referenceId", referenceId, 200);
        Instant now = context.now();
        return context.storage().write(r -> {
            // The common case in one step (a guarded update of the account and the entry's insert); anything else, a
            // replay, a refusal, an account to open or expired holds to settle first, takes the general path below.
            Optional<AccountRow> debited = r.ledger().debitIfAvailable(user, amount, validReason, validReference, now);
            if (debited.isPresent()) {
                AccountRow after = debited.get();
                expireHolds(r.ledger(), after, now); // as every change does; no query when nothing is held
                context.reportAfterCommit(m -> m.ledgerDebited("debit", amount));
                return new LedgerEntry(user, after.lastSequence(), -amount, validReason, validReference, after.balance(),
                        null, now);
            }
            AccountRow account = lockedAccount(r, user, now);
            Optional<LedgerEntry> first = r.ledger().findEntry(user, validReference);
            if (first.isPresent()) {
                return sameTerms(first.get(), -amount, validReason, validReference);
            }
            requireAvailable(account, amount, "debit");
            LedgerEntry entry = append(r.ledger(), account, -amount, account.balance() - amount, account.held(), validReason,
                    validReference, null, now);
            context.reportAfterCommit(m -> m.ledgerDebited("debit", amount));
            return entry;
        });
    }

    @Override
    public Hold hold(UserId user, long amount, String reason, String referenceId) {
        return hold(user, amount, reason, referenceId, null);
    }

    @Override
    public Hold hold(UserId user, long amount, String reason, String referenceId, Duration expiresAfter) {
        Validate.notNull("userId", user);
        Validate.positive("amount", amount);
        String validReason = Validate.text("reason", reason, 64);
        String validReference = Validate.text("referenceId", referenceId, 200);
        if (expiresAfter != null) {
            Validate.positiveDuration("expiresAfter", expiresAfter);
        }
        Instant now = context.now();
        Instant expiresAt = expiresAfter == null ? null : now.plus(expiresAfter);
        return context.storage().write(r -> {
            AccountRow account = lockedAccount(r, user, now);
            Optional<Hold> first = r.ledger().findHold(user, validReference);
            if (first.isPresent()) {
                Hold hold = first.get();
                if (hold.amount() != amount || !hold.reason().equals(validReason)) {
                    throw new ConflictException("hold reference " + validReference + " was used for " + hold.amount()
                            + " tokens (" + hold.reason() + "), not " + amount + " (" + validReason + ")");
                }
                return hold;
            }
            requireAvailable(account, amount, "hold");
            Hold hold = new Hold(HoldId.of(context.newId()), user, amount, 0, validReason, validReference,
                    HoldStatus.ACTIVE, expiresAt, now, null);
            r.ledger().insertHold(hold);
            r.ledger().updateAccount(user, account.balance(), account.held() + amount, account.lastSequence(), now);
            return hold;
        });
    }

    @Override
    public LedgerEntry capture(HoldId holdId, long amount) {
        Validate.notNull("holdId", holdId);
        Validate.positive("amount", amount);
        return captureHold(null, holdId, amount);
    }

    @Override
    public LedgerEntry captureAll(HoldId holdId) {
        Validate.notNull("holdId", holdId);
        return captureHold(null, holdId, -1);
    }

    @Override
    public LedgerEntry capture(UserId user, HoldId holdId, long amount) {
        Validate.notNull("userId", user);
        Validate.notNull("holdId", holdId);
        Validate.positive("amount", amount);
        return captureHold(user, holdId, amount);
    }

    @Override
    public LedgerEntry captureAll(UserId user, HoldId holdId) {
        Validate.notNull("userId", user);
        Validate.notNull("holdId", holdId);
        return captureHold(user, holdId, -1);
    }

    /** Captures {@code amount}, or the whole hold when it is -1, of {@code user}'s hold (anyone's when null). */
    private LedgerEntry captureHold(UserId user, HoldId holdId, long requested) {
        Instant now = context.now();
        return context.storage().write(r -> {
            LedgerRepository ledger = r.ledger();
            LockedHold locked = lockedHold(r, user, holdId, now);
            Hold hold = locked.hold();
            AccountRow account = locked.account();
            long amount = requested == -1 ? hold.amount() : requested;
            switch (hold.status()) {
                case CAPTURED -> {
                    if (hold.captured() != amount) {
                        throw new IllegalTransitionException("hold", holdId, "CAPTURED(" + hold.captured() + ")",
                                "CAPTURED(" + amount + ")");
                    }
                    return ledger.findEntry(hold.userId(), hold.referenceId()).orElseThrow();
                }
                case RELEASED, EXPIRED -> throw new IllegalTransitionException("hold", holdId, hold.status(), HoldStatus.CAPTURED);
                case ACTIVE -> {
                    if (amount > hold.amount()) {
                        throw new InvalidInputException("amount", "exceeds the hold's " + hold.amount() + " tokens: " + amount);
                    }
                    if (ledger.findEntry(hold.userId(), hold.referenceId()).isPresent()) {
                        throw new ConflictException("reference id " + hold.referenceId()
                                + " already has a ledger entry; the hold cannot be captured under it");
                    }
                    ledger.settleHold(holdId, HoldStatus.CAPTURED, amount, now);
                    LedgerEntry entry = append(ledger, account, -amount, account.balance() - amount,
                            account.held() - hold.amount(), hold.reason(), hold.referenceId(), holdId, now);
                    context.reportAfterCommit(m -> m.ledgerDebited("capture", amount));
                    return entry;
                }
                default -> throw new IllegalStateException("unknown hold status " + hold.status());
            }
        });
    }

    @Override
    public Hold release(HoldId holdId) {
        Validate.notNull("holdId", holdId);
        return releaseHold(null, holdId);
    }

    @Override
    public Hold release(UserId user, HoldId holdId) {
        Validate.notNull("userId", user);
        Validate.notNull("holdId", holdId);
        return releaseHold(user, holdId);
    }

    /** Releases {@code user}'s hold (anyone's when null). */
    private Hold releaseHold(UserId user, HoldId holdId) {
        Instant now = context.now();
        return context.storage().write(r -> {
            LockedHold locked = lockedHold(r, user, holdId, now);
            Hold hold = locked.hold();
            AccountRow account = locked.account();
            return switch (hold.status()) {
                case RELEASED, EXPIRED -> hold; // the tokens are back already: what the caller wanted
                case CAPTURED -> throw new IllegalTransitionException("hold", holdId, HoldStatus.CAPTURED, HoldStatus.RELEASED);
                case ACTIVE -> {
                    r.ledger().settleHold(holdId, HoldStatus.RELEASED, 0, now);
                    r.ledger().updateAccount(hold.userId(), account.balance(), account.held() - hold.amount(),
                            account.lastSequence(), now);
                    yield r.ledger().findHold(holdId).orElseThrow();
                }
            };
        });
    }

    @Override
    public Optional<Hold> findHold(HoldId holdId) {
        Validate.notNull("holdId", holdId);
        Instant now = context.now();
        return context.storage().read(r -> r.ledger().findHold(holdId)).map(hold -> asOf(hold, now));
    }

    @Override
    public Optional<Hold> findHold(UserId user, HoldId holdId) {
        Validate.notNull("userId", user);
        return findHold(holdId).filter(hold -> hold.userId().equals(user));
    }

    @Override
    public Page<LedgerEntry> history(UserId user, PageRequest page) {
        Validate.notNull("userId", user);
        Validate.notNull("page", page);
        Long before = page.after() == null ? null : Cursors.decodeLong(LISTING, page.after());
        List<LedgerEntry> rows = context.storage().read(r -> {
            requireUser(r, user);
            return r.ledger().entriesBefore(user, before, page.size() + 1);
        });
        return Pages.of(rows, page.size(), entry -> Cursors.encode(LISTING, entry.sequence()));
    }

    @Override
    public long balanceAt(UserId user, Instant at) {
        Validate.notNull("userId", user);
        Validate.instant("at", at);
        return context.storage().read(r -> {
            requireUser(r, user);
            return r.ledger().balanceAt(user, at).orElse(0L);
        });
    }

    @Override
    public int releaseExpiredHolds() {
        Instant now = context.now();
        return context.storage().write(r -> {
            int released = 0;
            for (UserId user : r.ledger().accountsWithExpiredHolds(now)) {
                AccountRow before = r.ledger().lockAccount(user).orElseThrow();
                released += r.ledger().expiredActiveHolds(user, now).size();
                expireHolds(r.ledger(), before, now);
            }
            return released;
        });
    }

    @Override
    public List<LedgerDiscrepancy> verify() {
        return context.storage().read(r -> r.ledger().verify());
    }

    /** Locks the user's account (opening it on first use) and settles holds whose expiry has passed. */
    private AccountRow lockedAccount(Repositories r, UserId user, Instant now) {
        Optional<AccountRow> locked = r.ledger().lockAccount(user);
        if (locked.isEmpty()) {
            requireUser(r, user);
            AccountRow opened = new AccountRow(user, NewUser.DEFAULT_PLAN, 0, 0, 0, now, now);
            r.ledger().insertAccount(opened);
            return opened;
        }
        return expireHolds(r.ledger(), locked.get(), now);
    }

    private static AccountRow expireHolds(LedgerRepository ledger, AccountRow account, Instant now) {
        if (account.held() == 0) {
            return account; // the common case costs no query
        }
        long held = account.held();
        List<Hold> expired = ledger.expiredActiveHolds(account.userId(), now);
        for (Hold hold : expired) {
            ledger.settleHold(hold.id(), HoldStatus.EXPIRED, 0, hold.expiresAt());
            held -= hold.amount();
        }
        if (expired.isEmpty()) {
            return account;
        }
        ledger.updateAccount(account.userId(), account.balance(), held, account.lastSequence(), now);
        return new AccountRow(account.userId(), account.plan(), account.balance(), held, account.lastSequence(),
                account.createdAt(), now);
    }

    private record LockedHold(Hold hold, AccountRow account) {
    }

    /**
     * {@code user}'s hold (anyone's when null), read again after its account is locked and its expired holds settled;
     * another user's hold is not found.
     */
    private LockedHold lockedHold(Repositories r, UserId user, HoldId holdId, Instant now) {
        Hold hold = r.ledger().findHold(holdId).filter(h -> user == null || h.userId().equals(user))
                .orElseThrow(() -> new NotFoundException("hold", holdId));
        AccountRow account = lockedAccount(r, hold.userId(), now);
        return new LockedHold(r.ledger().findHold(holdId).orElseThrow(), account);
    }

    private static Hold asOf(Hold hold, Instant now) {
        if (hold.status() == HoldStatus.ACTIVE && hold.expiresAt() != null && !now.isBefore(hold.expiresAt())) {
            return new Hold(hold.id(), hold.userId(), hold.amount(), 0, hold.reason(), hold.referenceId(),
                    HoldStatus.EXPIRED, hold.expiresAt(), hold.createdAt(), hold.expiresAt());
        }
        return hold;
    }

    private static void requireUser(Repositories r, UserId user) {
        if (r.ledger().findAccount(user).isEmpty() && r.users().find(user).isEmpty()) {
            throw new NotFoundException("user", user);
        }
    }

    private void requireAvailable(AccountRow account, long amount, String kind) {
        if (account.balance() - account.held() < amount) {
            context.report(m -> m.ledgerRefused(kind));
            throw new InsufficientBalanceException(account.userId().toString(), account.balance(),
                    account.balance() - account.held(), amount);
        }
    }

    private static LedgerEntry sameTerms(LedgerEntry first, long amount, String reason, String referenceId) {
        if (first.amount() != amount || !first.reason().equals(reason) || first.holdId() != null) {
            throw new ConflictException("reference id " + referenceId + " was used for " + first.amount() + " ("
                    + first.reason() + "), not " + amount + " (" + reason + ")");
        }
        return first;
    }

    private static LedgerEntry append(LedgerRepository ledger, AccountRow account, long amount, long balanceAfter,
                                      long held, String reason, String referenceId, HoldId holdId, Instant now) {
        long sequence = account.lastSequence() + 1;
        LedgerEntry entry = new LedgerEntry(account.userId(), sequence, amount, reason, referenceId, balanceAfter,
                holdId, now);
        ledger.updateAccount(account.userId(), balanceAfter, held, sequence, now);
        ledger.insertEntry(entry);
        return entry;
    }
}
