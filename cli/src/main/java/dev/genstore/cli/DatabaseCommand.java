package dev.genstore.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** A command on one database, with the options every such command shares. */
abstract class DatabaseCommand implements Callable<Integer> {
    @Mixin
    DatabaseOptions database;

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
