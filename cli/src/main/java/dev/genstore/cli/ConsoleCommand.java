package dev.genstore.cli;

import dev.genstore.console.GenstoreConsole;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "console", description = {
        "Serves the operator's console, a web page over the store: the queue, jobs, users and their ledger, images,"
                + " prompts, budgets and the store's health, with actions (cancel, pause, resume, retry, credit, debit,"
                + " verify, maintenance, a purge dry run).",
        "Prints the URL and the operator token (signs in for actions), then serves until interrupted (Ctrl-C).",
        "Listens on 127.0.0.1 unless --bind says otherwise. With --read-only it shows no actions and opens the database"
                + " read-only."})
final class ConsoleCommand extends DatabaseCommand {
    @Option(names = "--port", defaultValue = "8080", description = "The TCP port (default ${DEFAULT-VALUE}; 0 lets the system choose).")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "The address to listen on (default ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--token", description = "The operator token (at least 16 characters; default: a random one, printed).")
    String token;

    @Option(names = "--read-only", description = "Show no actions and refuse them.")
    boolean readOnly;

    @Override
    public Integer call() {
        Report report = newReport();
        CountDownLatch stopped = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        // Ctrl-C runs the shutdown hooks: this one wakes the command and waits (a little) for the store to close.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            return serve(report, stopped);
        } finally {
            closed.countDown();
        }
    }

    private int serve(Report report, CountDownLatch stopped) {
        return withExisting(true, readOnly, report, store -> {
            GenstoreConsole.Builder builder = GenstoreConsole.builder(store).port(port).bindAddress(bind).readOnly(readOnly);
            if (token != null) {
                builder.token(token);
            }
            try (GenstoreConsole console = builder.start()) {
                report.put("url", console.url());
                report.put("signIn", console.url() + "/login");
                report.put("token", readOnly ? "(read-only: none needed)" : console.token());
                print(report);
                out().flush();
                stopped.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Exit.OK;
        });
    }
}
