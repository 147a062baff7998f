package dev.genstore.benchmarks.baseline;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/** Parameter binding as genstore's dialects do it, so both sides send the database the same values. */
public enum Binding {
    /** SqliteDialect: ids as canonical UUID text, instants as INTEGER microseconds since the epoch. */
    SQLITE {
        @Override
        public void uuid(PreparedStatement statement, int index, UUID value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else {
                statement.setString(index, value.toString());
            }
        }

        @Override
        public void instant(PreparedStatement statement, int index, Instant value) throws SQLException {
            statement.setLong(index, Math.addExact(Math.multiplyExact(value.getEpochSecond(), 1_000_000L),
                    value.getNano() / 1_000L));
        }
    },
    /** StandardDialect (PostgreSQL, H2): native UUID, and instants as UTC {@link OffsetDateTime}. */
    STANDARD {
        @Override
        public void uuid(PreparedStatement statement, int index, UUID value) throws SQLException {
            if (value == null) {
                statement.setNull(index, Types.OTHER);
            } else {
                statement.setObject(index, value);
            }
        }

        @Override
        public void instant(PreparedStatement statement, int index, Instant value) throws SQLException {
            statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
        }
    };

    /** Binds a UUID, or SQL NULL. */
    public abstract void uuid(PreparedStatement statement, int index, UUID value) throws SQLException;

    /** Binds a (non-null) instant. */
    public abstract void instant(PreparedStatement statement, int index, Instant value) throws SQLException;
}
