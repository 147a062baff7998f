package dev.genstore.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A genstore command, with the output options every command shares. */
abstract class CliCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--json", description = "Print the result as one JSON object instead of key: value lines.")
    boolean json;

    @Option(names = "--verbose", description = "Log what the libraries do and print stack traces of failures (stderr).")
    void verbose(boolean on) {
        verbose = on;
        if (on) {
            // slf4j-simple reads this when the first logger is made, which happens after option parsing.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
    }

    boolean verbose;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    void print(Report report) {
        report.print(out(), json);
    }
}
