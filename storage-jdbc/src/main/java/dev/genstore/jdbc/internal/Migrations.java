package dev.genstore.jdbc.internal;

import dev.genstore.errors.IncompatibleSchemaException;
import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.Dialect;
import dev.genstore.jdbc.SchemaStatus;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Applies the dialect's Flyway migrations, refusing (before writing anything) a database a newer genstore migrated. */
public final class Migrations {
    /** genstore's own history table, so it can share a database with an application's Flyway. */
    public static final String HISTORY_TABLE = "genstore_schema_history";

    private Migrations() {
    }

    public static void apply(DataSource dataSource, Dialect dialect) {
        Flyway flyway = flyway(dataSource, dialect);
        // Flyway's default only warns about migrations it does not know ("future" ones); genstore must not write to a
        // schema whose meaning it does not know, so it checks first. info() reads and never creates anything.
        MigrationInfo[] future = Arrays.stream(flyway.info().applied())
                .filter(Migrations::isFuture)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            String versions = Arrays.stream(future).map(m -> m.getVersion().getVersion()).collect(Collectors.joining(", "));
            MigrationInfo[] known = flyway.info().all();
            String latestKnown = Arrays.stream(known).filter(m -> !isFuture(m) && m.getVersion() != null)
                    .reduce((a, b) -> b).map(m -> m.getVersion().getVersion()).orElse("none");
            throw new IncompatibleSchemaException("the " + dialect.name() + " database was migrated by a newer genstore"
                    + " (schema version " + versions + "; this genstore knows up to " + latestKnown
                    + "): upgrade genstore to open it; nothing was written");
        }
        flyway.migrate();
    }

    /**
     * Fails unless the schema is exactly at this genstore's latest version (nothing pending, nothing newer); reads only.
     *
     * @throws IncompatibleSchemaException otherwise
     */
    public static void requireCurrent(DataSource dataSource, Dialect dialect) {
        MigrationInfoService info = flyway(dataSource, dialect).info();
        if (Arrays.stream(info.applied()).anyMatch(Migrations::isFuture) || info.pending().length > 0) {
            throw new IncompatibleSchemaException("the " + dialect.name() + " database is not at this genstore's schema"
                    + " version (" + info.pending().length + " migration(s) pending, or migrated by a newer genstore):"
                    + " a read-only storage cannot migrate it");
        }
    }

    /** The schema's state, read only: Flyway's {@code info()} creates nothing, and the row counts are plain SELECTs. */
    public static SchemaStatus status(DataSource dataSource, Dialect dialect) {
        MigrationInfoService info = flyway(dataSource, dialect).info();
        boolean newer = Arrays.stream(info.applied()).anyMatch(Migrations::isFuture);
        MigrationInfo current = info.current();
        Optional<String> installed = Optional.ofNullable(current).map(m -> m.getVersion().getVersion());
        String latest = Arrays.stream(info.all()).filter(m -> !isFuture(m) && m.getVersion() != null)
                .map(MigrationInfo::getVersion).max(Comparator.naturalOrder())
                .map(MigrationVersion::getVersion).orElse("none");
        return new SchemaStatus(dialect.name(), installed, latest, info.pending().length, newer, rowCounts(dataSource));
    }

    private static boolean isFuture(MigrationInfo m) {
        return m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED;
    }

    private static Map<String, Long> rowCounts(DataSource dataSource) {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    String table = rs.getString("TABLE_NAME");
                    if (!table.equalsIgnoreCase(HISTORY_TABLE)) {
                        tables.add(table);
                    }
                }
            }
            for (String table : tables) {
                // Names come from the database's own catalog, quoted as identifiers, never from input.
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"" + table.replace("\"", "\"\"") + "\"")) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot count the rows of the tables: " + e.getMessage(), false, e);
        }
        return counts;
    }

    private static Flyway flyway(DataSource dataSource, Dialect dialect) {
        return configure(dataSource, dialect, locations(dialect)).table(HISTORY_TABLE).load();
    }

    /**
     * Flyway configured for {@code dialect}: its placeholders (so one shared migration serves every dialect), the
     * given locations, genstore's class loader and logging. Public so that a backend's test can apply a shared
     * migration of its own.
     */
    public static FluentConfiguration configure(DataSource dataSource, Dialect dialect, String... locations) {
        return Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations)
                .placeholders(dialect.schemaPlaceholders().asMap())
                .loggers("slf4j");
    }

    /** The dialect's own migrations and, once a shared migration exists, the shared ones (Flyway warns of a missing location). */
    private static String[] locations(Dialect dialect) {
        String shared = Dialect.SHARED_MIGRATION_LOCATION;
        if (Migrations.class.getClassLoader().getResource(shared.substring("classpath:".length())) == null) {
            return new String[] {dialect.migrationLocation()};
        }
        return new String[] {dialect.migrationLocation(), shared};
    }
}
