package dev.genstore.sqlite;

import dev.genstore.Genstore;
import dev.genstore.accounts.UserId;
import dev.genstore.errors.InsufficientBalanceException;
import dev.genstore.ledger.LedgerEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A separate JVM in the cross-process race: opens the same SQLite file, debits one account from several threads (a
 * third of the debits retried with the same reference id) and prints {@code DEBITED <n>}: the distinct debits that
 * succeeded.
 *
 * <p>Arguments: database path, user id, worker name, threads, debits per thread.
 */
public final class DebitWorker {
    private DebitWorker() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        UserId user = UserId.parse(args[1]);
        String worker = args[2];
        int threads = Integer.parseInt(args[3]);
        int perThread = Integer.parseInt(args[4]);
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> debitMany(store, user, worker + "-" + thread, perThread)));
            }
            int debited = 0;
            for (Future<Integer> result : results) {
                debited += result.get();
            }
            pool.shutdown();
            System.out.println("DEBITED " + debited);
        }
    }

    /** Debits 1 token {@code count} times; every third debit is sent twice. Returns the distinct debits that succeeded. */
    static int debitMany(Genstore store, UserId user, String prefix, int count) {
        int debited = 0;
        for (int i = 0; i < count; i++) {
            String reference = prefix + "-" + i;
            try {
                LedgerEntry first = store.ledger().debit(user, 1, "RACE", reference);
                if (i % 3 == 0) {
                    LedgerEntry again = store.ledger().debit(user, 1, "RACE", reference);
                    if (!again.equals(first)) {
                        throw new IllegalStateException("retry returned " + again + " instead of " + first);
                    }
                }
                debited++;
            } catch (InsufficientBalanceException expected) {
                // the balance ran out: the race is meant to overrun it
            }
        }
        return debited;
    }
}
