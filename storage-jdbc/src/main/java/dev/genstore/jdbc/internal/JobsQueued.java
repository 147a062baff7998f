package dev.genstore.jdbc.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * Whether a transaction queued jobs, kept on its handle (which lives for one transaction), so that once it commits the
 * storage can tell other stores waiting for work ({@link dev.genstore.jdbc.JdbcStorage#jobsQueued()}).
 */
public final class JobsQueued {
    private static final String KEY = "genstore.jobsQueued";

    private JobsQueued() {
    }

    /** Marks the handle's transaction as one that queued jobs. */
    static void mark(Handle handle) {
        handle.define(KEY, Boolean.TRUE);
    }

    /** Whether a statement of the handle's transaction queued jobs. */
    public static boolean marked(Handle handle) {
        return handle.getConfig(SqlStatements.class).getAttribute(KEY) != null;
    }
}
