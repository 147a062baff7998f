package dev.genstore.jdbc;

import javax.sql.DataSource;

/**
 * The connections a {@link JdbcStorage} uses.
 *
 * @param writer      connections for transactions that write (SQLite: a pool of one, the single writer)
 * @param reader      connections for transactions that only read (may be the same as {@code writer})
 * @param onClose     releases the pools and anything else the backend opened
 */
public record Pools(DataSource writer, DataSource reader, Runnable onClose) {
}
