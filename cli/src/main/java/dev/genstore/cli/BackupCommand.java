package dev.genstore.cli;

import dev.genstore.sqlite.BackupReport;
import dev.genstore.sqlite.SqliteBackup;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "backup", description = {
        "Backs up a SQLite store while it is in use: a consistent copy of the database file (one snapshot) and its blob"
                + " directory, with SHA-256 checksums, into DIR (new or empty). `genstore restore DIR` checks and restores it.",
        "SQLite only: for PostgreSQL use pg_dump, or `genstore export`."})
final class BackupCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The directory to write (created; must be empty).")
    Path directory;

    @Override
    public Integer call() {
        Location location = SqliteOnly.require(location(), "backup", "pg_dump, or `genstore export DIR`");
        location.requireExisting();
        Stores.requireNewDirectory(directory, "backup");
        BackupReport backup;
        try {
            backup = SqliteBackup.backup(location.file(), directory);
        } catch (RuntimeException e) {
            throw Stores.failure(location, e);
        }
        print(newReport().put("backend", "sqlite")
                .put("backup", backup.directory().toString())
                .put("databaseBytes", backup.databaseBytes())
                .put("blobs", backup.blobs())
                .put("blobBytes", backup.blobBytes())
                .put("took", Duration.ofMillis(backup.took().toMillis()).toString()));
        return Exit.OK;
    }
}
