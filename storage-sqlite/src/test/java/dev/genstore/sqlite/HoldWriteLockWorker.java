package dev.genstore.sqlite;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import java.nio.file.Path;

/**
 * A separate JVM that opens a write transaction on a SQLite file, credits an account inside it, prints
 * {@code HOLDING} and then never ends it: it holds the process write lock (and SQLite's) until it is killed.
 *
 * <p>Arguments: database path, user id.
 */
public final class HoldWriteLockWorker {
    private HoldWriteLockWorker() {
    }

    public static void main(String[] args) throws Exception {
        try (Genstore store = Genstore.open(SqliteStorage.file(Path.of(args[0])))) {
            store.useTransaction(tx -> {
                tx.ledger().credit(UserId.parse(args[1]), 1_000, "NEVER", "never-committed");
                System.out.println("HOLDING");
                System.out.flush();
                try {
                    Thread.sleep(Long.MAX_VALUE);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
