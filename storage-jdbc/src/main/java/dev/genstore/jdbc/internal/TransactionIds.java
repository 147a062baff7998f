package dev.genstore.jdbc.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The id of a transaction, learned by one of its statements (a {@code RETURNING} of
 * {@link dev.genstore.jdbc.Dialect#transactionIdExpression()}), kept on its handle so that the commit need not ask the
 * database for it in a round trip of its own. A handle lives for one transaction, so the id never outlives it.
 */
public final class TransactionIds {
    private static final String KEY = "genstore.transactionId";

    private TransactionIds() {
    }

    /** Remembers the id of the handle's transaction. */
    static void remember(Handle handle, String transactionId) {
        handle.define(KEY, transactionId);
    }

    /** The id a statement of the handle's transaction learned, or null. */
    public static String known(Handle handle) {
        Object id = handle.getConfig(SqlStatements.class).getAttribute(KEY);
        return id == null ? null : id.toString();
    }
}
