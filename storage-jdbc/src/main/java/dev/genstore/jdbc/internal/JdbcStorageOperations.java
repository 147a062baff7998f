package dev.genstore.jdbc.internal;

import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.Dialect;
import dev.genstore.jdbc.Housekeeping;
import dev.genstore.ops.IntegrityProblem;
import dev.genstore.spi.StorageOperations;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * {@link StorageOperations} over the dialect's {@link Housekeeping}, each call on one pooled connection in autocommit:
 * checks and sizes on a reader, maintenance on the writer (SQLite's single writer: other writes wait meanwhile).
 */
public final class JdbcStorageOperations implements StorageOperations {
    private final DataSource reader;
    private final DataSource writer;
    private final Dialect dialect;

    public JdbcStorageOperations(DataSource reader, DataSource writer, Dialect dialect) {
        this.reader = reader;
        this.writer = writer;
        this.dialect = dialect;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection, Housekeeping housekeeping, List<String> tables) throws SQLException;
    }

    private <T> T on(DataSource source, Work<T> work) {
        Housekeeping housekeeping = dialect.housekeeping();
        try (Connection connection = source.getConnection()) {
            return work.run(connection, housekeeping, housekeeping.tables(connection));
        } catch (SQLException e) {
            throw new StorageException(dialect.name() + " storage failed: " + e.getMessage(), dialect.isTransient(e), e);
        }
    }

    /**
     * Holds the dialect's lock on a connection of its own for as long as {@code work} runs ({@code work} uses other
     * connections of the pool). Should this process die, the database drops the connection and with it the lock.
     */
    @Override
    public <T> Optional<T> exclusively(String name, Supplier<T> work) {
        Housekeeping housekeeping = dialect.housekeeping();
        if (!housekeeping.sharedByProcesses()) {
            return Optional.of(work.get()); // SQLite's one writer connection is the work's: taking it here would deadlock
        }
        try (Connection connection = writer.getConnection()) {
            if (!housekeeping.tryLock(connection, name)) {
                return Optional.empty();
            }
            try {
                return Optional.of(work.get());
            } finally {
                housekeeping.unlock(connection, name);
            }
        } catch (SQLException e) {
            throw new StorageException(dialect.name() + " storage failed: " + e.getMessage(), dialect.isTransient(e), e);
        }
    }

    /** The newest successful migration in Flyway's history table (quoted: H2 keeps Flyway's lower-case names). */
    @Override
    public Optional<String> schemaVersion() {
        return on(reader, (c, h, tables) -> {
            try (Statement s = c.createStatement()) {
                s.setMaxRows(1);
                try (ResultSet r = s.executeQuery("SELECT \"version\" FROM \"" + Migrations.HISTORY_TABLE + "\""
                        + " WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\" DESC")) {
                    return r.next() ? Optional.of(r.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    @Override
    public List<IntegrityProblem> check() {
        return on(reader, (c, h, tables) -> h.check(c, tables));
    }

    @Override
    public List<String> maintain() {
        return on(writer, (c, h, tables) -> h.maintain(c, tables));
    }

    @Override
    public long databaseBytes() {
        return on(reader, (c, h, tables) -> h.databaseBytes(c, tables));
    }

    @Override
    public Map<String, Long> rowsPerTable() {
        return on(reader, (c, h, tables) -> {
            Map<String, Long> rows = new TreeMap<>();
            try (Statement s = c.createStatement()) {
                for (String table : tables) {
                    try (ResultSet count = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                        count.next();
                        rows.put(table.toLowerCase(Locale.ROOT), count.getLong(1));
                    }
                }
            }
            return rows;
        });
    }
}
