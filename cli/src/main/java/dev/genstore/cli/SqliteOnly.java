package dev.genstore.cli;

/** The check of commands that work on SQLite files only. */
final class SqliteOnly {
    private SqliteOnly() {
    }

    /**
     * Returns {@code location} when it is a SQLite file.
     *
     * @throws CliFailure (usage) naming {@code instead} for PostgreSQL
     */
    static Location require(Location location, String command, String instead) {
        if (!location.isSqlite()) {
            throw new CliFailure(Exit.USAGE, command + " works on SQLite files only; for PostgreSQL " + location.describe()
                    + " use " + instead);
        }
        return location;
    }
}
