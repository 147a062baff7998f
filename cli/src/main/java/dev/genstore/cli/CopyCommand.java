package dev.genstore.cli;

import dev.genstore.Genstore;
import dev.genstore.transfer.TransferException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "copy", description = {
        "Copies every row and blob from one store to another, e.g. a SQLite file to PostgreSQL, then verifies counts,"
                + " row checksums, the ledger and every blob's SHA-256. The target is created and migrated if needed and"
                + " should be new.",
        "Rows go in pages that replace rows with the same key, so an interrupted copy can be run again. Stop writers"
                + " to the source first. Credentials go in the URLs (?user=…&password=…)."})
final class CopyCommand extends CliCommand {
    @Option(names = "--from", required = true, paramLabel = "DB",
            description = "The source: a SQLite file path or a jdbc:postgresql:// URL.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DB",
            description = "The target: a SQLite file path (created) or a jdbc:postgresql:// URL.")
    String to;

    @Option(names = "--from-blobs", paramLabel = "URL",
            description = "The source's blobs, when in a bucket: s3://bucket[/prefix] (settings as for --blobs).")
    String fromBlobs;

    @Option(names = "--to-blobs", paramLabel = "URL",
            description = "The target's blobs, when in a bucket: s3://bucket[/prefix] (settings as for --blobs).")
    String toBlobs;

    @Mixin
    ProgressOptions progressOptions;

    @Override
    public Integer call() {
        Location source = withBlobs(Location.parse(from, null, null, Path.of("")), fromBlobs);
        Location target = withBlobs(Location.parse(to, null, null, Path.of("")), toBlobs);
        if (source.describe().equals(target.describe())) {
            throw new CliFailure(Exit.USAGE, "--from and --to name the same database " + source.describe());
        }
        Report report = new Report().put("from", source.describe()).put("to", target.describe());
        if (source.blobs() != null) {
            report.put("fromBlobs", source.blobs().describe());
        }
        if (target.blobs() != null) {
            report.put("toBlobs", target.blobs().describe());
        }
        Progress progress = progressOptions.progress(err());
        try (Genstore in = Stores.openExisting(source, true); Genstore out = Stores.openTarget(target)) {
            report.put("fromBackend", in.backend()).put("toBackend", out.backend());
            TransferReports.put(report, in.copyTo(out, progress::update));
        } catch (TransferException e) {
            throw new CliFailure("the copy from " + source.describe() + " to " + target.describe() + " failed: "
                    + Stores.oneLine(e.getMessage()) + (e.reason() == TransferException.Reason.SCHEMA_MISMATCH ? ""
                    : "; if it was interrupted run it again, else copy into a new database"));
        } finally {
            progress.finish();
        }
        print(report);
        return Exit.OK;
    }

    private static Location withBlobs(Location location, String blobs) {
        return blobs == null ? location : location.withBlobs(BlobLocation.parse(blobs, Map.of(), System.getenv()));
    }
}
