package dev.genstore.ledger;

import dev.genstore.accounts.UserId;
import java.time.Instant;

/**
 * A user's token account.
 *
 * @param userId    the owner (one account per user)
 * @param plan      the subscription plan's name
 * @param balance   tokens owned: always the sum of the account's ledger entries
 * @param held      tokens reserved by active holds: part of the balance, but not spendable
 * @param createdAt when the account was opened
 * @param updatedAt when its balance, holds or plan last changed
 */
public record TokenAccount(UserId userId, String plan, long balance, long held, Instant createdAt, Instant updatedAt) {
    /** Tokens a debit or a new hold can use: the balance minus active holds. */
    public long available() {
        return balance - held;
    }
}
