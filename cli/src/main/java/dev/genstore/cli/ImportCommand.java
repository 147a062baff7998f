package dev.genstore.cli;

import dev.genstore.Genstore;
import dev.genstore.transfer.TransferException;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = {
        "Reads an export made by `genstore export` (from any backend) into a new store: a new SQLite file, or an empty"
                + " PostgreSQL database or schema, created and migrated first.",
        "Every file and blob is checked against the manifest before anything is written, and the rows go in one"
                + " transaction: a damaged export or a store that is not empty is refused and the store stays empty."})
final class ImportCommand extends DatabaseCommand {
    @Parameters(index = "0", paramLabel = "DIR", description = "The directory `genstore export` wrote.")
    Path directory;

    @Mixin
    ProgressOptions progressOptions;

    @Override
    public Integer call() {
        Stores.requireDirectory(directory, "export");
        Location location = location();
        Report report = newReport().put("export", directory.toAbsolutePath().toString());
        Progress progress = progressOptions.progress(err());
        try (Genstore store = Stores.openTarget(location)) {
            report.put("backend", store.backend());
            TransferReports.put(report, store.importFrom(directory, progress::update));
        } catch (TransferException e) {
            throw new CliFailure("cannot import " + directory.toAbsolutePath() + " into " + location.describe() + ": "
                    + Stores.oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            throw Stores.failure(location, e);
        } finally {
            progress.finish();
        }
        print(report);
        return Exit.OK;
    }
}
