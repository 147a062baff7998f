package dev.genstore.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that name one database: {@code --db} or {@code --config}, with credentials for PostgreSQL. */
final class DatabaseOptions {
    @Option(names = "--db", paramLabel = "DB",
            description = "The database: a SQLite file path or a jdbc:postgresql://host:port/db URL (default: env GENSTORE_DB).")
    String db;

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file with db=, and optionally user= and password= (PostgreSQL).")
    Path config;

    @Option(names = "--user", paramLabel = "USER", description = "PostgreSQL user (else from the URL or the config file).")
    String user;

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "PostgreSQL password; prefer env GENSTORE_PASSWORD, which other users cannot see in the process list.")
    String password;

    /**
     * The database named by the options, else by {@code GENSTORE_DB}.
     *
     * @throws CliFailure (usage) when none or both of {@code --db} and {@code --config} are given, or the value is bad
     */
    Location location() {
        String pass = password != null ? password : System.getenv("GENSTORE_PASSWORD");
        if (db != null && config != null) {
            throw new CliFailure(Exit.USAGE, "give either --db or --config, not both");
        }
        if (config != null) {
            return Location.fromConfig(config, user, pass);
        }
        String value = db != null ? db : System.getenv("GENSTORE_DB");
        if (value == null) {
            throw new CliFailure(Exit.USAGE,
                    "no database given: add --db <SQLite file | jdbc:postgresql://host/db> or --config <file>");
        }
        return Location.parse(value, user, pass, Path.of(""));
    }
}
