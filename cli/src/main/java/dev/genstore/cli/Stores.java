package dev.genstore.cli;

import dev.genstore.Genstore;
import dev.genstore.blobs.BlobStore;
import dev.genstore.errors.GenstoreException;
import dev.genstore.errors.IncompatibleSchemaException;
import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.JdbcStorage;
import dev.genstore.jdbc.SchemaStatus;
import dev.genstore.sqlite.SqliteStorage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.stream.Stream;

/** Opening databases for commands, and turning what goes wrong into one line that says what to do. */
final class Stores {
    private Stores() {
    }

    /** The schema state of a database that must already exist (a missing SQLite file is not created). */
    static SchemaStatus inspectExisting(Location location) {
        location.requireExisting();
        return inspect(location);
    }

    /** The schema state of the database, read without migrating (a missing SQLite file is created empty). */
    static SchemaStatus inspect(Location location) {
        try {
            return location.storage().inspect();
        } catch (RuntimeException e) {
            throw failure(location, e);
        }
    }

    /**
     * A store on an existing database whose schema this genstore can use as it is: read-only commands never create a
     * file and never migrate. {@code withBlobs} false gives the store a throwaway in-memory blob store, for commands that
     * read rows only, so that they do not create the blob directory beside a SQLite file either; with {@code withBlobs}
     * a SQLite file whose blob directory is missing gets an empty in-memory one too, which reads the same and creates
     * nothing.
     */
    static Genstore openExisting(Location location, boolean withBlobs) {
        SchemaStatus status = inspectExisting(location);
        requireUsable(location, status);
        JdbcStorage storage = location.storage();
        Genstore.Builder builder = Genstore.builder().storage(storage);
        if (!withBlobs) {
            builder.blobStore(BlobStore.inMemory());
        } else if (location.blobs() != null) {
            builder.blobStore(location.blobs().open());
        } else if (storage instanceof SqliteStorage sqlite && !Files.isDirectory(sqlite.blobDirectory())) {
            builder.blobStore(BlobStore.inMemory());
        }
        return build(location, builder);
    }

    /**
     * A store to write into (the target of {@code import} and {@code copy}): a missing SQLite file is created and the
     * schema migrated, as opening any store does; a database a newer genstore migrated is refused.
     */
    static Genstore openTarget(Location location) {
        SchemaStatus status = inspect(location);
        if (status.newer()) {
            throw new CliFailure(newerMessage(location, status));
        }
        Genstore.Builder builder = Genstore.builder().storage(location.storage());
        if (location.blobs() != null) {
            builder.blobStore(location.blobs().open());
        }
        return build(location, builder);
    }

    private static Genstore build(Location location, Genstore.Builder builder) {
        try {
            return builder.build();
        } catch (RuntimeException e) {
            throw failure(location, e);
        }
    }

    /**
     * Fails unless {@code directory} is absent or empty: the place a new export or backup goes.
     *
     * @throws CliFailure when it is a file or holds anything
     */
    static void requireNewDirectory(Path directory, String what) {
        if (Files.isRegularFile(directory)) {
            throw new CliFailure(directory.toAbsolutePath() + " is a file: give a new or empty directory for the " + what);
        }
        if (Files.isDirectory(directory)) {
            try (Stream<Path> files = Files.list(directory)) {
                if (files.findAny().isPresent()) {
                    throw new CliFailure("the directory " + directory.toAbsolutePath() + " is not empty: give a new"
                            + " or empty directory for the " + what);
                }
            } catch (IOException e) {
                throw new CliFailure("cannot read the directory " + directory.toAbsolutePath() + " (" + e.getMessage()
                        + "): check its permissions");
            }
        }
    }

    /**
     * Fails unless {@code directory} exists: the export or backup a command reads.
     *
     * @throws CliFailure when it is missing or a file
     */
    static void requireDirectory(Path directory, String what) {
        if (!Files.isDirectory(directory)) {
            throw new CliFailure("no " + what + " at " + directory.toAbsolutePath()
                    + (Files.exists(directory) ? " (it is a file)" : "") + ": give the directory it was written to");
        }
    }

    /** Applies pending migrations (creating a missing SQLite file); refuses a database a newer genstore migrated. */
    static void migrate(Location location) {
        JdbcStorage storage = location.storage();
        try {
            storage.open();
        } catch (RuntimeException e) {
            throw failure(location, e);
        } finally {
            storage.close();
        }
    }

    static void requireUsable(Location location, SchemaStatus status) {
        if (status.newer()) {
            throw new CliFailure(newerMessage(location, status));
        }
        if (status.pending() > 0) {
            throw new CliFailure("the database at " + location.describe() + " is at schema version "
                    + status.installed().orElse("none") + " and this genstore needs " + status.latest()
                    + ": run `genstore migrate` first");
        }
    }

    static String newerMessage(Location location, SchemaStatus status) {
        return "the database at " + location.describe() + " was migrated by a newer genstore (schema version "
                + status.installed().orElse("?") + "; this genstore knows up to " + status.latest()
                + "): upgrade genstore to use it; nothing was written";
    }

    /** What went wrong opening or reading {@code location}, as one line that says what to do. */
    static RuntimeException failure(Location location, RuntimeException e) {
        if (e instanceof StorageException && location.blobs() != null && e.getMessage() != null
                && e.getMessage().contains("s3://")) {
            // The S3 store's messages name the object and the service's answer, never a credential.
            return new CliFailure(oneLine(e.getMessage()) + ": check --blobs and the GENSTORE_S3_* / AWS_* settings");
        }
        if (e instanceof CliFailure || e instanceof IncompatibleSchemaException
                || e instanceof GenstoreException && !(e instanceof StorageException)) {
            return e; // genstore's own refusals (a damaged export, bad input) already say what is wrong
        }
        if (e instanceof UncheckedIOException) {
            return new CliFailure("cannot read or write a file (" + oneLine(rootMessage(e))
                    + "): check the paths, their permissions and the free space");
        }
        SQLException sql = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                sql = s;
                break;
            }
        }
        String cause = oneLine(sql != null ? sql.getMessage() : rootMessage(e));
        String state = sql == null || sql.getSQLState() == null ? "" : sql.getSQLState();
        String where = location.describe();
        if (location.isSqlite()) {
            if (cause.contains("not a database") || cause.contains("SQLITE_NOTADB") || cause.contains("SQLITE_CORRUPT")) {
                return new CliFailure(where + " is not a usable SQLite database (" + cause
                        + "): check the path, or restore it from a backup");
            }
            return new CliFailure("cannot open the SQLite database " + where + " (" + cause
                    + "): check the path and its permissions");
        }
        if (state.startsWith("08")) {
            return new CliFailure("cannot connect to " + where + " (" + cause
                    + "): check the host and port in the URL and that the server is running");
        }
        if (state.startsWith("28")) {
            return new CliFailure("the server refused the credentials for " + where + " (" + cause
                    + "): check --user and the password (GENSTORE_PASSWORD)");
        }
        if (state.equals("3D000")) {
            return new CliFailure("no such database at " + where + " (" + cause
                    + "): check the database name in the URL, or create it first (CREATE DATABASE)");
        }
        return new CliFailure("cannot use the PostgreSQL database " + where + " (" + cause
                + "): check the URL, the credentials and the server's log");
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }

    /** Joins the lines of a driver's message, so every error is one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
