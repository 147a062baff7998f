package dev.genstore.jdbc;

import javax.sql.DataSource;

/**
 * The connections a {@link JdbcStorage} uses.
 *
 * @param writer      connections for transactions that write (SQLite: a pool of one, the single writer)
 * @param reader      connections for transactions that only read (may be the same as {@code writer})
 * @param onClose     releases the pools and anything else the backend opened
 * @param writeGate   what every outermost write transaction passes through first (see {@link WriteGate})
 */
public record Pools(DataSource writer, DataSource reader, Runnable onClose, WriteGate writeGate) {

    public Pools {
        if (writeGate == null) {
            throw new dev.genstore.errors.InvalidInputException("writeGate", "must not be null (WriteGate.NONE for none)");
        }
    }

    /** Pools whose writes pass no gate ({@link WriteGate#NONE}): the database itself orders its writers. */
    public Pools(DataSource writer, DataSource reader, Runnable onClose) {
        this(writer, reader, onClose, WriteGate.NONE);
    }
}
