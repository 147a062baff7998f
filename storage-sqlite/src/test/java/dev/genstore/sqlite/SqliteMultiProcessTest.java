package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.UserId;
import dev.genstore.ledger.LedgerEntry;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ledger race from two JVM processes on one SQLite file: SQLite's file locks and the busy timeout serialize them. */
class SqliteMultiProcessTest {
    private static final int PROCESSES = 2;
    private static final int THREADS = 4;
    private static final int PER_THREAD = 250;
    private static final long CREDIT = 1500; // fewer than the 2,000 debits attempted

    @TempDir
    Path dir;

    @Test
    void twoProcessesDebitingOneAccountNeverOverdrawAndNeverDoubleSpend() throws Exception {
        Path file = dir.resolve("shared.db");
        UserId user;
        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            user = store.accounts().create(NewUser.withEmail("racer@example.com")).id();
            store.ledger().credit(user, CREDIT, "GRANT", "grant-1");
        }

        List<Process> processes = new ArrayList<>();
        for (int p = 0; p < PROCESSES; p++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), DebitWorker.class.getName(),
                    file.toString(), user.toString(), "p" + p, String.valueOf(THREADS), String.valueOf(PER_THREAD))
                    .redirectErrorStream(true)
                    .start());
        }
        long debited = 0;
        for (Process process : processes) {
            String output = drain(process);
            assertTrue(process.waitFor(5, TimeUnit.MINUTES), "worker did not finish");
            assertEquals(0, process.exitValue(), output);
            String line = output.lines().filter(l -> l.startsWith("DEBITED ")).findFirst().orElseThrow(() -> new AssertionError(output));
            debited += Long.parseLong(line.substring("DEBITED ".length()).trim());
        }

        try (Genstore store = Genstore.open(SqliteStorage.file(file))) {
            List<LedgerEntry> entries = new ArrayList<>();
            PageRequest request = PageRequest.first(500);
            while (true) {
                Page<LedgerEntry> page = store.ledger().history(user, request);
                entries.addAll(page.items());
                if (!page.hasNext()) {
                    break;
                }
                request = page.next(500).orElseThrow();
            }
            long sum = entries.stream().mapToLong(LedgerEntry::amount).sum();
            Set<String> references = new HashSet<>();
            for (LedgerEntry entry : entries) {
                assertTrue(references.add(entry.referenceId()), "two entries for " + entry.referenceId());
                assertTrue(entry.balanceAfter() >= 0, "went negative at " + entry);
            }
            assertEquals(CREDIT, debited, "the processes' successful debits must use up exactly the credit");
            assertEquals(1 + CREDIT, entries.size());
            assertEquals(0, store.ledger().account(user).balance());
            assertEquals(sum, store.ledger().account(user).balance());
            assertEquals(List.of(), store.ledger().verify());
        }
    }

    private static String drain(Process process) throws Exception {
        StringBuilder out = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }
}
