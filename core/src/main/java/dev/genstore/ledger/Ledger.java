package dev.genstore.ledger;

import dev.genstore.accounts.UserId;
import dev.genstore.errors.ConflictException;
import dev.genstore.errors.IllegalTransitionException;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.NotFoundException;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Token accounts and their append-only ledger. Guarantees, under any concurrency and on every backend: the balance is
 * the sum of the entries; a debit, hold or capture never takes the available balance below zero; an operation retried
 * with the same reference id returns the first result and changes nothing; the same reference id with other terms
 * is a {@link ConflictException}. Amounts are whole tokens, 1 or more.
 */
public interface Ledger {

    /**
     * The user's account, opened (empty, on the default plan) if the user has none yet.
     *
     * @throws NotFoundException for an unknown user
     */
    TokenAccount account(UserId user);

    /**
     * Changes the account's plan.
     *
     * @throws NotFoundException for an unknown user
     */
    TokenAccount changePlan(UserId user, String plan);

    /**
     * Adds tokens and writes one entry.
     *
     * @throws InvalidInputException when the amount is not positive, the balance would overflow, or reason or
     *                               reference id is blank
     * @throws ConflictException     when the reference id was used with another amount or reason
     * @throws NotFoundException     for an unknown user
     */
    LedgerEntry credit(UserId user, long amount, String reason, String referenceId);

    /**
     * Takes tokens and writes one entry, never overdrawing.
     *
     * @throws InsufficientBalanceException when the available balance cannot cover the amount
     * @throws ConflictException            when the reference id was used with another amount or reason
     */
    LedgerEntry debit(UserId user, long amount, String reason, String referenceId);

    /**
     * Reserves tokens without an expiry. Same as {@link #hold(UserId, long, String, String, Duration)} with
     * {@code null}.
     */
    Hold hold(UserId user, long amount, String reason, String referenceId);

    /**
     * Reserves tokens: they stay in the balance but stop being spendable until the hold is captured, released or
     * expires. The same reference id again returns the first hold.
     *
     * @param expiresAfter how long until the hold releases itself, or {@code null} for never
     * @throws InsufficientBalanceException when the available balance cannot cover the amount
     * @throws ConflictException            when the reference id was used for a hold with other terms
     */
    Hold hold(UserId user, long amount, String reason, String referenceId, Duration expiresAfter);

    /**
     * Debits {@code amount} (1 to the hold's amount) of an active hold and releases the rest, in one entry whose
     * reference id is the hold's. Capturing a captured hold again with the same amount returns the first entry.
     *
     * @throws IllegalTransitionException when the hold was released, expired, or captured with another amount
     * @throws InvalidInputException      when the amount exceeds the hold
     * @deprecated reaches any user's hold: use {@link #capture(UserId, HoldId, long)}, or {@link #operator()}
     */
    @Deprecated
    LedgerEntry capture(HoldId hold, long amount);

    /**
     * Captures the whole hold, whoever holds it.
     *
     * @deprecated reaches any user's hold: use {@link #captureAll(UserId, HoldId)}, or {@link #operator()}
     */
    @Deprecated
    LedgerEntry captureAll(HoldId hold);

    /**
     * Gives a hold's tokens back to the available balance. Releasing a hold that was released or has expired returns
     * it unchanged: its tokens are back already.
     *
     * @throws IllegalTransitionException when the hold was captured
     * @deprecated reaches any user's hold: use {@link #release(UserId, HoldId)}, or {@link #operator()}
     */
    @Deprecated
    Hold release(HoldId hold);

    /**
     * The hold with this id, if any, whoever holds it (its status reflects expiry as of now).
     *
     * @deprecated reaches any user's hold: use {@link #findHold(UserId, HoldId)}, or {@link #operator()}
     */
    @Deprecated
    Optional<Hold> findHold(HoldId hold);

    // Owner-scoped forms: what an application calls with ids that come from a request. Another user's hold is
    // NotFoundException (as for a hold that does not exist, so it tells nothing) and changes nothing.

    /**
     * Debits {@code amount} (1 to the hold's amount) of the user's active hold and releases the rest, as
     * {@link #capture(HoldId, long)} does.
     *
     * @throws NotFoundException          when the user has no such hold
     * @throws IllegalTransitionException when the hold was released, expired, or captured with another amount
     * @throws InvalidInputException      when the amount exceeds the hold
     */
    LedgerEntry capture(UserId user, HoldId hold, long amount);

    /**
     * Captures the whole of the user's hold.
     *
     * @throws NotFoundException when the user has no such hold
     */
    LedgerEntry captureAll(UserId user, HoldId hold);

    /**
     * Gives the user's held tokens back to the available balance; a hold released or expired already is returned
     * unchanged.
     *
     * @throws NotFoundException          when the user has no such hold
     * @throws IllegalTransitionException when the hold was captured
     */
    Hold release(UserId user, HoldId hold);

    /** The user's hold, if any (its status reflects expiry as of now); empty for another user's hold. */
    Optional<Hold> findHold(UserId user, HoldId hold);

    /**
     * The operator's view: holds by id alone, whoever holds them. For admin tools and housekeeping, never with an id
     * taken from an end user's request.
     */
    OperatorLedger operator();

    /** The account's entries, newest first, in keyset pages. */
    Page<LedgerEntry> history(UserId user, PageRequest page);

    /** The balance right after the last entry written at or before {@code at}; 0 before the first. */
    long balanceAt(UserId user, Instant at);

    /** Releases every hold whose expiry has passed. Returns how many. */
    int releaseExpiredHolds();

    /**
     * Checks every account: balance against the sum of its entries, the balance-after chain, held against active
     * holds. Empty on a healthy store.
     */
    List<LedgerDiscrepancy> verify();
}
