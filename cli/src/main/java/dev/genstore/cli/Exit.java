package dev.genstore.cli;

/** The exit codes scripts can rely on. */
final class Exit {
    /** Done, and the database is healthy (or the command had nothing to report). */
    static final int OK = 0;
    /** The command ran and found problems (verify: a failed check; info: pending or newer migrations). */
    static final int PROBLEMS = 1;
    /** The command line (or the config file) is wrong: nothing was done. */
    static final int USAGE = 2;
    /** The command could not do its work (no database, no connection, a refused schema, a damaged export or backup, an I/O error). */
    static final int FAILED = 3;

    private Exit() {
    }
}
