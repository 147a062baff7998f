package dev.genstore.cli;

import java.nio.file.Path;
import java.util.Map;
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

    @Option(names = "--blobs", paramLabel = "URL",
            description = "Blobs in an S3-compatible bucket: s3://bucket[/prefix] (default: env GENSTORE_BLOBS, else the"
                    + " backend's own place). Endpoint, region and keys come from GENSTORE_S3_ENDPOINT,"
                    + " GENSTORE_S3_REGION, GENSTORE_S3_PATH_STYLE, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY or the"
                    + " config file's s3.* keys.")
    String blobs;

    /**
     * The database named by the options, else by {@code GENSTORE_DB}, with its blobs where {@code --blobs}, the config
     * file or {@code GENSTORE_BLOBS} say.
     *
     * @throws CliFailure (usage) when none or both of {@code --db} and {@code --config} are given, or the value is bad
     */
    Location location() {
        String pass = password != null ? password : System.getenv("GENSTORE_PASSWORD");
        if (db != null && config != null) {
            throw new CliFailure(Exit.USAGE, "give either --db or --config, not both");
        }
        if (config != null) {
            return Location.fromConfig(config, user, pass, blobs, System.getenv());
        }
        String value = db != null ? db : System.getenv("GENSTORE_DB");
        if (value == null) {
            throw new CliFailure(Exit.USAGE,
                    "no database given: add --db <SQLite file | jdbc:postgresql://host/db> or --config <file>");
        }
        Location location = Location.parse(value, user, pass, Path.of(""));
        String blobsValue = blobs != null ? blobs : System.getenv("GENSTORE_BLOBS");
        return blobsValue == null ? location : location.withBlobs(BlobLocation.parse(blobsValue, Map.of(), System.getenv()));
    }
}
