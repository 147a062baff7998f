package dev.genstore.cli;

import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "export", description = {
        "Writes every row (JSON Lines per table) and every blob into DIR, new or empty, with a manifest of counts and"
                + " SHA-256 checksums written last. Works on every backend; `genstore import` reads it into any backend.",
        "One snapshot on SQLite; on PostgreSQL stop writers first for a point-in-time export."})
final class ExportCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The directory to write (created; must be empty).")
    Path directory;

    @Mixin
    ProgressOptions progressOptions;

    @Override
    public Integer call() {
        Stores.requireNewDirectory(directory, "export");
        Report report = newReport().put("export", directory.toAbsolutePath().toString());
        Progress progress = progressOptions.progress(err());
        try {
            TransferReports.put(report, withExisting(true, report, store -> store.exportTo(directory, progress::update)));
        } finally {
            progress.finish();
        }
        print(report);
        return Exit.OK;
    }
}
