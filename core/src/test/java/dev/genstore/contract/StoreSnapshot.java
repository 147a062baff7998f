package dev.genstore.contract;

import dev.genstore.accounts.User;
import dev.genstore.accounts.UserId;
import dev.genstore.ledger.LedgerDiscrepancy;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.ledger.TokenAccount;
import java.util.List;
import java.util.Map;

/**
 * Everything a store shows through its public API, read back: every user (in listing order), each user's token
 * account and full ledger history (newest first), and what {@code verify()} reports. Two snapshots are equal when
 * nothing observable changed between them.
 *
 * @param users         all users, oldest first
 * @param accounts      each user's token account
 * @param histories     each user's entries, newest first
 * @param discrepancies what the ledger check found
 */
public record StoreSnapshot(List<User> users, Map<UserId, TokenAccount> accounts,
                            Map<UserId, List<LedgerEntry>> histories, List<LedgerDiscrepancy> discrepancies) {
    public StoreSnapshot {
        users = List.copyOf(users);
        accounts = Map.copyOf(accounts);
        histories = Map.copyOf(histories);
        discrepancies = List.copyOf(discrepancies);
    }
}
