package dev.genstore.cli;

import dev.genstore.jdbc.SchemaStatus;
import picocli.CommandLine.Command;

@Command(name = "info", description = {
        "Shows the backend, the schema version and the rows per table, without migrating or writing.",
        "Exit 1 when the schema needs `genstore migrate` or was migrated by a newer genstore."})
final class InfoCommand extends DatabaseCommand {
    @Override
    public Integer call() {
        Location location = database.location();
        SchemaStatus status = Stores.inspectExisting(location);
        String state;
        if (status.newer()) {
            state = "newer: upgrade genstore to use it";
        } else if (status.pending() > 0) {
            state = "outdated: run `genstore migrate`";
        } else {
            state = "up to date";
        }
        Report report = new Report()
                .put("backend", status.backend())
                .put("database", location.describe());
        report.group("schema").put("version", status.installed().orElse("none"));
        report.group("schema").put("latest", status.latest());
        report.group("schema").put("pending", status.pending());
        report.group("schema").put("status", state);
        report.group("rows").putAll(status.rowCounts());
        print(report);
        if (!status.upToDate()) {
            err().println(status.newer() ? Stores.newerMessage(location, status)
                    : "the schema of " + location.describe() + " lacks " + status.pending()
                    + " migration(s): run `genstore migrate`");
            return Exit.PROBLEMS;
        }
        return Exit.OK;
    }
}
