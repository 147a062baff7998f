package dev.genstore.jdbc;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.internal.Migrations;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * Applies migrations written once for every dialect, with the dialect's placeholders ({@link Dialect#schemaPlaceholders()}),
 * from a location of the caller's choosing: how genstore's contract suite proves the placeholders on each backend, and
 * how an application can keep its own tables beside genstore's in one file per change.
 */
public final class SharedMigrations {
    private SharedMigrations() {
    }

    /**
     * Applies the Flyway migrations at {@code location} (e.g. {@code classpath:com/example/migration}) to
     * {@code dataSource}, recording them in {@code historyTable} (never genstore's own history table). A schema that
     * already holds tables is baselined at version 0 first, so every migration of the location runs.
     *
     * @throws InvalidInputException when {@code historyTable} is genstore's own history table
     * @throws StorageException when a migration fails (the message names it)
     */
    public static void apply(DataSource dataSource, Dialect dialect, String location, String historyTable) {
        if (historyTable == null || historyTable.equalsIgnoreCase(Migrations.HISTORY_TABLE)) {
            throw new InvalidInputException("historyTable", "must be a table other than genstore's own "
                    + Migrations.HISTORY_TABLE);
        }
        try {
            Migrations.configure(dataSource, dialect, location).table(historyTable)
                    .baselineOnMigrate(true).baselineVersion("0").load().migrate();
        } catch (FlywayException e) {
            throw new StorageException("the migrations at " + location + " failed: " + e.getMessage(), false, e);
        }
    }
}
