package dev.genstore.spi;

import dev.genstore.accounts.UserId;
import dev.genstore.ledger.TokenAccount;
import java.time.Instant;

/**
 * A stored token account with its bookkeeping.
 *
 * @param lastSequence the sequence of the newest entry (0 when none): the next entry gets {@code lastSequence + 1}
 */
public record AccountRow(UserId userId, String plan, long balance, long held, long lastSequence, Instant createdAt,
                         Instant updatedAt) {
    /** The public view of this row. */
    public TokenAccount toAccount() {
        return new TokenAccount(userId, plan, balance, held, createdAt, updatedAt);
    }
}
