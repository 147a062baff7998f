package dev.genstore.benchmarks.baseline;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The baseline's access to a database: what a careful application writes by hand with plain JDBC, and nothing it
 * would not write. Workloads put the same statements genstore runs inside {@link #inTransaction}.
 */
public interface RawDatabase extends AutoCloseable {

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(SqlWork<T> work) throws SQLException;

    /**
     * Runs {@code work} on a connection in autocommit, without a transaction of its own: for a read of one statement,
     * which sees one consistent state anyway.
     */
    <T> T autocommit(SqlWork<T> work) throws SQLException;

    /** How ids and instants are bound: exactly as genstore's dialect for this database binds them. */
    Binding binding();

    /** The clause that row-locks a selected row, with a leading space; empty where one writer at a time is the lock. */
    String forUpdate();

    @Override
    void close() throws SQLException;

    /** Statements run on the transaction's connection. */
    @FunctionalInterface
    interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
