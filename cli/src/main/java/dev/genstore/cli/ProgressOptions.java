package dev.genstore.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Option;

/** The option of commands that report progress (export, import, copy). */
final class ProgressOptions {
    @Option(names = "--quiet", description = "Print no progress on stderr.")
    boolean quiet;

    Progress progress(PrintWriter err) {
        return Progress.onStderr(err, quiet);
    }
}
