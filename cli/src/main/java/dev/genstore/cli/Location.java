package dev.genstore.cli;

import dev.genstore.jdbc.JdbcStorage;
import dev.genstore.postgres.PostgresStorage;
import dev.genstore.sqlite.SqliteStorage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a database is: a SQLite file or a PostgreSQL JDBC URL (with optional credentials). Parsed from {@code --db},
 * from a config file, or from {@code GENSTORE_DB}; the password never shows in {@link #describe()} or {@link #toString()}.
 */
final class Location {
    /** The keys a config file may hold. */
    static final Set<String> CONFIG_KEYS = Set.of("db", "user", "password");

    private final Path file;
    private final String url;
    private final String user;
    private final String password;
    private final BlobLocation blobs;

    private Location(Path file, String url, String user, String password, BlobLocation blobs) {
        this.file = file;
        this.url = url;
        this.user = user;
        this.password = password;
        this.blobs = blobs;
    }

    private Location(Path file, String url, String user, String password) {
        this(file, url, user, password, null);
    }

    /** This database with its blobs in {@code blobs} instead of the backend's default place (null: the default). */
    Location withBlobs(BlobLocation blobs) {
        return new Location(file, url, user, password, blobs);
    }

    /** Where the blobs are when not in the backend's default place, else null. */
    BlobLocation blobs() {
        return blobs;
    }

    /**
     * A location from a {@code --db} value: a {@code jdbc:postgresql:} URL, a {@code jdbc:sqlite:} URL or a file path
     * (relative paths resolve against {@code base}).
     *
     * @throws CliFailure (usage) for another kind of JDBC URL or a blank value
     */
    static Location parse(String value, String user, String password, Path base) {
        if (value == null || value.isBlank()) {
            throw new CliFailure(Exit.USAGE, "the database is empty: give a SQLite file path or a jdbc:postgresql:// URL");
        }
        String v = value.strip();
        if (v.startsWith("jdbc:postgresql:")) {
            return new Location(null, v, user, password);
        }
        if (v.startsWith("postgres://") || v.startsWith("postgresql://")) {
            throw new CliFailure(Exit.USAGE, "unsupported database URL " + redact(v)
                    + ": write it as jdbc:postgresql://host:port/database");
        }
        if (v.startsWith("jdbc:sqlite:")) {
            v = v.substring("jdbc:sqlite:".length());
        } else if (v.startsWith("jdbc:")) {
            throw new CliFailure(Exit.USAGE, "unsupported database URL " + redact(v)
                    + ": give a SQLite file path or a jdbc:postgresql:// URL");
        }
        if (user != null || password != null) {
            throw new CliFailure(Exit.USAGE, "--user and --password apply to PostgreSQL only, not to the SQLite file " + v);
        }
        return new Location(base.resolve(v).toAbsolutePath().normalize(), null, null, null);
    }

    /**
     * A location from a config file of properties {@code db}, {@code user}, {@code password}, and optionally
     * {@code blobs} with its {@code s3.*} settings ({@link BlobLocation}); a relative SQLite path resolves against the
     * file's directory, and {@code user}/{@code password}/{@code blobs} given on the command line win.
     *
     * @throws CliFailure (usage) when the file is missing, unreadable, lacks {@code db} or has an unknown key
     */
    static Location fromConfig(Path config, String user, String password, String blobs, Map<String, String> env) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(config)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new CliFailure(Exit.USAGE, "cannot read the config file " + config.toAbsolutePath() + " ("
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "): check the path");
        }
        Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
        unknown.removeAll(CONFIG_KEYS);
        unknown.removeAll(BlobLocation.CONFIG_KEYS);
        if (!unknown.isEmpty()) {
            throw new CliFailure(Exit.USAGE, "unknown key(s) " + unknown + " in the config file " + config.toAbsolutePath()
                    + ": it may hold db, user, password, blobs and s3.*");
        }
        String db = properties.getProperty("db");
        if (db == null || db.isBlank()) {
            throw new CliFailure(Exit.USAGE, "the config file " + config.toAbsolutePath()
                    + " has no db: add db=<SQLite file or jdbc:postgresql:// URL>");
        }
        Path dir = config.toAbsolutePath().getParent();
        Location location = parse(db, user != null ? user : properties.getProperty("user"),
                password != null ? password : properties.getProperty("password"), dir);
        String blobsValue = blobs != null ? blobs : properties.getProperty("blobs");
        if (blobsValue == null) {
            return location;
        }
        Map<String, String> s3 = new HashMap<>();
        for (String key : BlobLocation.CONFIG_KEYS) {
            if (properties.getProperty(key) != null) {
                s3.put(key, properties.getProperty(key));
            }
        }
        return location.withBlobs(BlobLocation.parse(blobsValue, s3, env));
    }

    boolean isSqlite() {
        return file != null;
    }

    /** The SQLite file, or null for PostgreSQL. */
    Path file() {
        return file;
    }

    /** The path of the file or the URL without its password: safe for messages (the blobs are not part of it). */
    String describe() {
        return file != null ? file.toString() : redact(url);
    }

    /**
     * Fails unless the database can be there without being created: a SQLite file must exist (a server database is
     * checked when connecting). Commands that only read call this so they never create an empty file.
     */
    void requireExisting() {
        if (file == null) {
            return;
        }
        if (Files.isDirectory(file)) {
            throw new CliFailure(file + " is a directory, not a database file: give the path of the .db file");
        }
        if (!Files.exists(file)) {
            throw new CliFailure("no database at " + file + "; check the path or run `genstore migrate` to create one");
        }
    }

    /** A new, unopened storage on this database. */
    JdbcStorage storage() {
        if (file != null) {
            return SqliteStorage.file(file);
        }
        return PostgresStorage.of(url, user, password).poolSize(4);
    }

    /** The URL with the value of any {@code password} parameter replaced, and any user-info password too. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/@:]*:)[^/@]*@", "$1***@");
    }

    @Override
    public String toString() {
        return describe();
    }
}
