package dev.genstore.jdbc.internal;

import dev.genstore.errors.IncompatibleSchemaException;
import dev.genstore.jdbc.Dialect;
import java.util.Arrays;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/** Applies the dialect's Flyway migrations, refusing (before writing anything) a database a newer genstore migrated. */
public final class Migrations {
    /** genstore's own history table, so it can share a database with an application's Flyway. */
    public static final String HISTORY_TABLE = "genstore_schema_history";

    private Migrations() {
    }

    public static void apply(DataSource dataSource, Dialect dialect) {
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .table(HISTORY_TABLE)
                .loggers("slf4j")
                .load();
        // Flyway's default only warns about migrations it does not know ("future" ones); genstore must not write to a
        // schema whose meaning it does not know, so it checks first. info() reads and never creates anything.
        MigrationInfo[] future = Arrays.stream(flyway.info().applied())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED)
                .toArray(MigrationInfo[]::new);
        if (future.length > 0) {
            String versions = Arrays.stream(future).map(m -> m.getVersion().getVersion()).collect(Collectors.joining(", "));
            MigrationInfo[] known = flyway.info().all();
            String latestKnown = Arrays.stream(known).filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
                            && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null)
                    .reduce((a, b) -> b).map(m -> m.getVersion().getVersion()).orElse("none");
            throw new IncompatibleSchemaException("the " + dialect.name() + " database was migrated by a newer genstore"
                    + " (schema version " + versions + "; this genstore knows up to " + latestKnown
                    + "): upgrade genstore to open it; nothing was written");
        }
        flyway.migrate();
    }
}
