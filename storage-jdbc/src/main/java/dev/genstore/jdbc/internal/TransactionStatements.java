package dev.genstore.jdbc.internal;

import org.jdbi.v3.core.Handle;

/**
 * {@code BEGIN}, {@code COMMIT} and {@code ROLLBACK} run as statements on a connection left in autocommit, for a
 * database whose driver makes a transaction dearer than the SQL: sqlite-jdbc's {@code commit()} runs {@code COMMIT} and
 * at once {@code BEGIN} again (it keeps a connection outside autocommit always inside a transaction), so leaving
 * autocommit afterwards costs a third statement, each compiled anew. As kept statements, the three cost one step each.
 */
public final class TransactionStatements {
    private TransactionStatements() {
    }

    /** Runs one transaction-control statement on the handle's connection (kept prepared where the connection keeps them). */
    public static void run(Handle handle, String sql) {
        DirectSql.update(handle, sql, statement -> { });
    }
}
