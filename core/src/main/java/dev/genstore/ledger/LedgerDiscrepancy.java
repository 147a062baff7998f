package dev.genstore.ledger;

import dev.genstore.accounts.UserId;

/**
 * One inconsistency {@link Ledger#verify()} found.
 *
 * @param userId the account's owner
 * @param kind   what is wrong
 * @param detail the figures involved, for a human
 */
public record LedgerDiscrepancy(UserId userId, Kind kind, String detail) {
    /** The kinds of inconsistency the ledger check knows. */
    public enum Kind {
        /** The account's balance differs from the sum of its entries. */
        BALANCE_MISMATCH,
        /** An entry's balance-after is not the previous entry's balance-after plus its amount, or a sequence gap. */
        CHAIN_BROKEN,
        /** The account's held total differs from the sum of its active holds. */
        HELD_MISMATCH
    }
}
