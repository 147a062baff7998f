package dev.genstore.spi;

import dev.genstore.accounts.UserId;
import dev.genstore.ledger.Hold;
import dev.genstore.ledger.HoldId;
import dev.genstore.ledger.HoldStatus;
import dev.genstore.ledger.LedgerDiscrepancy;
import dev.genstore.ledger.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Storage of token accounts, ledger entries and holds. Every change to an account's balance, held total, entries or
 * holds happens after {@link #lockAccount} (or {@link #debitIfAvailable}, which locks the row it updates) in the same
 * transaction, so a backend serializes them per account (row
 * locks, or a single writer).
 */
public interface LedgerRepository {
    /** The account, locked until the transaction ends; empty when the user has none. */
    Optional<AccountRow> lockAccount(UserId user);

    /**
     * A debit in one step, for the common case: when the account exists, its balance minus its held total as stored
     * covers {@code amount}, and it has no entry with {@code referenceId}, takes {@code amount} off the balance, moves
     * the last sequence on, appends the entry (sequence = the new last sequence, amount = {@code -amount},
     * balance-after = the new balance, no hold, created at {@code at}) and returns the account as it now is, locked
     * until the transaction ends. Otherwise writes nothing and returns empty: the caller then takes the general path
     * ({@link #lockAccount}, expired holds, the reference's first entry, the available balance). Holds whose expiry has
     * passed still count as held here, so the check errs only towards the general path. A concurrent debit with the same
     * reference may end in a unique-key failure, which the storage retries. The default returns empty.
     */
    default Optional<AccountRow> debitIfAvailable(UserId user, long amount, String reason, String referenceId, Instant at) {
        return Optional.empty();
    }

    /** The account without locking. */
    Optional<AccountRow> findAccount(UserId user);

    /** Inserts an account; a concurrent insert of the same one is a retryable storage failure. */
    void insertAccount(AccountRow account);

    /** Writes balance, held, last sequence and updated-at. */
    void updateAccount(UserId user, long balance, long held, long lastSequence, Instant updatedAt);

    /** Changes the account's plan. */
    void updatePlan(UserId user, String plan, Instant updatedAt);

    /** The entry with this reference id on this account. */
    Optional<LedgerEntry> findEntry(UserId user, String referenceId);

    /** Appends an entry; its sequence is the account's last sequence plus one. */
    void insertEntry(LedgerEntry entry);

    /** Entries with a sequence below {@code beforeSequence} (all when null), newest first, at most {@code limit}. */
    List<LedgerEntry> entriesBefore(UserId user, Long beforeSequence, int limit);

    /** Balance-after of the newest entry created at or before {@code at}. */
    Optional<Long> balanceAt(UserId user, Instant at);

    /** The hold with this id, as stored (expiry not applied). */
    Optional<Hold> findHold(HoldId id);

    /** The account's hold with this reference id. */
    Optional<Hold> findHold(UserId user, String referenceId);

    /** Stores a new ACTIVE hold. */
    void insertHold(Hold hold);

    /** Moves a hold out of ACTIVE. */
    void settleHold(HoldId id, HoldStatus status, long captured, Instant settledAt);

    /** Active holds of the account whose expiry is at or before {@code now}. */
    List<Hold> expiredActiveHolds(UserId user, Instant now);

    /** Owners of accounts that have an active hold whose expiry is at or before {@code now}. */
    List<UserId> accountsWithExpiredHolds(Instant now);

    /** Every account whose balance, balance-after chain or held total disagrees with its entries and holds. */
    List<LedgerDiscrepancy> verify();
}
