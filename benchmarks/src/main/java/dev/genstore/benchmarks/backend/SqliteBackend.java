package dev.genstore.benchmarks.backend;

import dev.genstore.benchmarks.baseline.RawDatabase;
import dev.genstore.benchmarks.baseline.SqliteReaders;
import dev.genstore.benchmarks.baseline.SqliteWriter;
import dev.genstore.sqlite.SqliteStorage;
import dev.genstore.spi.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

/** Database files in a scratch directory under {@code java.io.tmpdir} (which must be on a real disk). */
final class SqliteBackend implements Backend {
    private final Path directory;

    SqliteBackend() throws IOException {
        this.directory = Files.createTempDirectory("genstore-bench-sqlite-");
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public Storage genstore(String database) {
        return SqliteStorage.file(file(database));
    }

    @Override
    public Storage baselineSchema(String database) {
        return SqliteStorage.file(file(database));
    }

    @Override
    public RawDatabase raw(String database) throws Exception {
        return SqliteWriter.open(file(database));
    }

    @Override
    public RawDatabase rawReader(String database) {
        return SqliteReaders.open(file(database));
    }

    @Override
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file(database));
    }

    private Path file(String database) {
        return directory.resolve(database + ".db");
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
