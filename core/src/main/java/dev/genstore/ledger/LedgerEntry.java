package dev.genstore.ledger;

import dev.genstore.accounts.UserId;
import java.time.Instant;

/**
 * One immutable line of an account's ledger.
 *
 * @param userId       the account's owner
 * @param sequence     1 for the account's first entry, then +1 per entry: the order of the balance-after chain
 * @param amount       positive for a credit, negative for a debit or capture
 * @param reason       why, e.g. {@code GENERATION} or {@code MONTHLY_REFILL}
 * @param referenceId  the caller's idempotency key, unique per account
 * @param balanceAfter the account's balance right after this entry
 * @param holdId       the hold this entry captured, or {@code null}
 * @param createdAt    when it was written
 */
public record LedgerEntry(UserId userId, long sequence, long amount, String reason, String referenceId,
                          long balanceAfter, HoldId holdId, Instant createdAt) {
    /** True for a credit (a positive amount). */
    public boolean isCredit() {
        return amount > 0;
    }
}
