package dev.genstore.cli;

import dev.genstore.ops.PurgeReport;
import dev.genstore.ops.PurgeRequest;
import java.time.Duration;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "purge", description = {
        "Removes what has expired: used or expired one-time passwords, expired token holds and budget reservations,"
                + " cache entries past their time-to-live, and blobs no row names (older than an hour).",
        "Archived jobs and unused prompts are removed only when an age or a date is given for them.",
        "Prints how many of each it removed; --dry-run counts exactly that and removes nothing."})
final class PurgeCommand extends DatabaseCommand {
    @Option(names = "--dry-run", description = "Count what would be removed; remove nothing.")
    boolean dryRun;

    @Option(names = "--archived-jobs-older-than", paramLabel = "AGE", converter = Converters.Age.class,
            description = "Also delete ARCHIVED jobs that completed more than AGE ago (e.g. 30d; their images stay).")
    Duration archivedJobs;

    @Option(names = "--prompts-unused-since", paramLabel = "DATE", converter = Converters.Moment.class,
            description = "Also delete prompts last used before DATE (e.g. 2026-01-01, UTC).")
    Instant promptsUnusedSince;

    @Option(names = "--orphan-blobs-older-than", paramLabel = "AGE", converter = Converters.Age.class,
            description = "How old a blob no row names must be to go (default 1h; younger ones may belong to a store in progress).")
    Duration orphanGrace;

    @Option(names = "--keep-orphan-blobs", description = "Leave blobs that no row names.")
    boolean keepOrphans;

    @Override
    public Integer call() {
        if (keepOrphans && orphanGrace != null) {
            throw new CliFailure(Exit.USAGE, "give either --keep-orphan-blobs or --orphan-blobs-older-than, not both");
        }
        PurgeRequest request = PurgeRequest.everything().dryRun(dryRun);
        if (archivedJobs != null) {
            request = request.archivedJobsOlderThan(archivedJobs);
        }
        if (promptsUnusedSince != null) {
            request = request.promptsUnusedSince(promptsUnusedSince);
        }
        if (orphanGrace != null) {
            request = request.orphanBlobsOlderThan(orphanGrace);
        }
        if (keepOrphans) {
            request = request.keepOrphanBlobs();
        }
        PurgeRequest purge = request;
        Report report = newReport();
        PurgeReport result = withExisting(true, report, store -> store.operations().purge(purge));
        report.put("dryRun", result.dryRun()).put("removed", result.removed()).put("total", result.total());
        print(report);
        return Exit.OK;
    }
}
