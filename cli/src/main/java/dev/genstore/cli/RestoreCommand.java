package dev.genstore.cli;

import dev.genstore.sqlite.SqliteBackup;
import dev.genstore.transfer.TransferException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = {
        "Restores a backup made by `genstore backup` as the SQLite store at --db, replacing its database file and blob"
                + " directory (a missing file is created). Stop every process using the store first.",
        "Everything is checked first (SHA-256 of every file, SQLite's integrity check, the schema version); a damaged"
                + " backup is refused and the store is left as it was. SQLite only: for PostgreSQL use pg_restore, or"
                + " `genstore import`."})
final class RestoreCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The directory `genstore backup` wrote.")
    Path directory;

    @Override
    public Integer call() {
        Location location = SqliteOnly.require(location(), "restore", "pg_restore, or `genstore import DIR`");
        Stores.requireDirectory(directory, "backup");
        try {
            SqliteBackup.restore(directory, location.file());
        } catch (TransferException e) {
            throw new CliFailure("the backup in " + directory.toAbsolutePath() + " was refused: "
                    + Stores.oneLine(e.getMessage()) + "; use another backup");
        } catch (RuntimeException e) {
            throw Stores.failure(location, e);
        }
        print(newReport().put("backend", "sqlite").put("restoredFrom", directory.toAbsolutePath().toString()));
        return Exit.OK;
    }
}
