package dev.genstore.cli;

import picocli.CommandLine.Command;

@Command(name = "maintenance", description = {
        "Maintains the database: SQLite optimize, ANALYZE, incremental vacuum and a WAL checkpoint (other writes wait"
                + " meanwhile); PostgreSQL ANALYZE of genstore's tables. Prints each step."})
final class MaintenanceCommand extends DatabaseCommand {
    @Override
    public Integer call() {
        Report report = newReport();
        report.put("steps", withExisting(false, report, store -> store.operations().maintain().steps()));
        print(report);
        return Exit.OK;
    }
}
