package dev.genstore.cli;

import dev.genstore.Genstore;
import java.util.function.Function;
import picocli.CommandLine.Mixin;

/** A command on one database, named by {@code --db}, {@code --config} or {@code GENSTORE_DB}. */
abstract class DatabaseCommand extends CliCommand {
    @Mixin
    DatabaseOptions database;

    private Location location;

    /** The database the options name (read once). */
    Location location() {
        if (location == null) {
            location = database.location();
        }
        return location;
    }

    /** A report that starts with the backend (filled in once known) and the database. */
    Report newReport() {
        return new Report().put("backend", null).put("database", location().describe());
    }

    /**
     * Runs {@code work} on the existing store ({@link Stores#openExisting}), puts its backend into {@code report}, and
     * turns what goes wrong into one line that says what to do.
     */
    <T> T withExisting(boolean withBlobs, Report report, Function<Genstore, T> work) {
        return withExisting(withBlobs, false, report, work);
    }

    /** Like {@link #withExisting(boolean, Report, Function)}, on read-only connections: for commands that change nothing. */
    <T> T readExisting(boolean withBlobs, Report report, Function<Genstore, T> work) {
        return withExisting(withBlobs, true, report, work);
    }

    /** Runs {@code work} on the existing store, on read-only connections when {@code readOnly}. */
    <T> T withExisting(boolean withBlobs, boolean readOnly, Report report, Function<Genstore, T> work) {
        try (Genstore store = Stores.openExisting(location(), withBlobs, readOnly)) {
            report.put("backend", store.backend());
            return work.apply(store);
        } catch (RuntimeException e) {
            throw Stores.failure(location(), e);
        }
    }
}
