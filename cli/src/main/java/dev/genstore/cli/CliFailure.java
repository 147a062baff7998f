package dev.genstore.cli;

/** A failure the cli reports as one line saying what to do, with its exit code, and no stack trace. */
final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    CliFailure(String message) {
        this(Exit.FAILED, message);
    }

    CliFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
