package dev.genstore.cli;

import dev.genstore.errors.GenstoreException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/**
 * The {@code genstore} command: one executable jar for operators. Exit codes: 0 done and healthy, 1 problems found,
 * 2 usage error (nothing done), 3 the work could not be done; every error is one line on stderr saying what to do.
 */
@Command(name = "genstore", mixinStandardHelpOptions = true, versionProvider = GenstoreCli.Version.class,
        description = "Operates a genstore database: a SQLite file or a PostgreSQL database.",
        subcommands = {MigrateCommand.class, InfoCommand.class, StatsCommand.class, VerifyCommand.class,
                MaintenanceCommand.class, PurgeCommand.class, ExportCommand.class, ImportCommand.class, CopyCommand.class,
                BackupCommand.class, RestoreCommand.class, ConsoleCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done; the database is healthy",
                "1:problems found (verify: a failed check; info: pending or newer migrations)",
                "2:usage error: nothing was done",
                "3:the work could not be done (no database, no connection, refused schema, a damaged export or backup)"})
public final class GenstoreCli implements java.util.concurrent.Callable<Integer> {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    private GenstoreCli() {
    }

    /** {@code genstore} with no command: a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("error: no command given; see `genstore --help`");
        return Exit.USAGE;
    }

    public static void main(String[] args) {
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command line and returns its exit code, printing to {@code out} and {@code err}. */
    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new GenstoreCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionStrategy(new CommandLine.RunLast());
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            command.getErr().println("error: " + Stores.oneLine(e.getMessage()) + "; see `genstore "
                    + qualifiedName(command) + "--help`");
            return Exit.USAGE;
        });
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            boolean verbose = command.getCommand() instanceof CliCommand c && c.verbose;
            if (verbose) {
                e.printStackTrace(command.getErr());
            }
            if (e instanceof CliFailure failure) {
                command.getErr().println("error: " + failure.getMessage()
                        + (failure.exitCode() == Exit.USAGE ? "; see `genstore " + qualifiedName(command) + "--help`" : ""));
                return failure.exitCode();
            }
            if (e instanceof GenstoreException) {
                command.getErr().println("error: " + Stores.oneLine(e.getMessage()));
                return Exit.FAILED;
            }
            command.getErr().println("error: " + Stores.oneLine(e.getClass().getSimpleName() + ": " + Stores.rootMessage(e))
                    + (verbose ? "" : "; run again with --verbose for details"));
            return Exit.FAILED;
        });
        return cli.execute(args);
    }

    private static String qualifiedName(CommandLine command) {
        String name = command.getCommandSpec().qualifiedName(" ");
        String sub = name.startsWith("genstore") ? name.substring("genstore".length()).strip() : name;
        return sub.isEmpty() ? "" : sub + " ";
    }

    /** The version from the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = GenstoreCli.class.getPackage().getImplementationVersion();
            return new String[] {"genstore " + (version == null ? "(development build)" : version)};
        }
    }
}
