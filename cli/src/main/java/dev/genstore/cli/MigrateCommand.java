package dev.genstore.cli;

import dev.genstore.jdbc.SchemaStatus;
import picocli.CommandLine.Command;

@Command(name = "migrate", description = {
        "Creates the database (a missing SQLite file) or applies this genstore's pending schema migrations.",
        "Refuses, writing nothing, a database a newer genstore migrated."})
final class MigrateCommand extends DatabaseCommand {
    @Override
    public Integer call() {
        Location location = database.location();
        boolean existed = !location.isSqlite() || java.nio.file.Files.exists(location.file());
        SchemaStatus before = Stores.inspect(location);
        if (before.newer()) {
            throw new CliFailure(Stores.newerMessage(location, before));
        }
        Stores.migrate(location);
        SchemaStatus after = Stores.inspect(location);
        print(new Report()
                .put("backend", after.backend())
                .put("database", location.describe())
                .put("created", !existed)
                .put("from", before.installed().orElse("none"))
                .put("to", after.installed().orElse("none"))
                .put("applied", before.pending()));
        return Exit.OK;
    }
}
