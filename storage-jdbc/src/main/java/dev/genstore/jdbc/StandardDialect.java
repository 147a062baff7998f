package dev.genstore.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/**
 * A base for databases with native {@code UUID} and {@code TIMESTAMP WITH TIME ZONE} types (PostgreSQL, H2): ids and
 * instants go through {@code setObject}/{@code getObject} as {@link UUID} and UTC {@link OffsetDateTime}, never
 * through {@code java.sql.Timestamp}, so the JVM's default time zone cannot shift them.
 */
public abstract class StandardDialect implements Dialect {
    /** SQLSTATEs that mean "run it again": unique violation, serialization failure, deadlock (PostgreSQL), lock timeout. */
    private static final Set<String> TRANSIENT_STATES = Set.of("23505", "40001", "40P01", "55P03");
    private static final Set<String> UNREACHABLE_STATES = Set.of("57P01", "57P02", "57P03", "53300");

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public String forUpdateSkipLocked() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String jsonParameter(String placeholder) {
        return placeholder;
    }

    @Override
    public Argument uuid(UUID value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.OTHER);
            } else {
                statement.setObject(position, value);
            }
        };
    }

    @Override
    public UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    @Override
    public Argument instant(Instant value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                statement.setObject(position, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        };
    }

    @Override
    public Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    @Override
    public boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return state != null && TRANSIENT_STATES.contains(state) || isUnreachable(e);
    }

    /**
     * Connection exceptions (class {@code 08}), a server shutting down or starting up ({@code 57P01} admin shutdown,
     * {@code 57P02} crash shutdown, {@code 57P03} cannot connect now), too many connections ({@code 53300}), and the
     * pool's own timeout waiting for a connection.
     */
    @Override
    public boolean isUnreachable(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLTransientConnectionException
                || state != null && (state.startsWith("08") || UNREACHABLE_STATES.contains(state));
    }
}
