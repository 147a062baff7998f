package dev.genstore.jdbc.internal;

import dev.genstore.spi.StatementListener;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Tells the storage's {@link StatementListener} the name of every statement: Jdbi's through its {@link SqlLogger}
 * hook, {@link DirectSql}'s by looking this logger up on the handle. Names come from the raw SQL text, never from
 * bound values.
 */
public final class StatementReporter implements SqlLogger {
    private volatile StatementListener listener;

    /** Reports to {@code listener} from now on ({@code null}: to nobody). */
    public void listener(StatementListener listener) {
        this.listener = listener;
    }

    @Override
    public void logBeforeExecution(StatementContext context) {
        report(context.getRawSql());
    }

    void report(String sql) {
        StatementListener current = listener;
        if (current != null) {
            current.statement(StatementNames.of(sql));
        }
    }

    /** Reports a statement run on {@code handle} outside Jdbi's statements. */
    static void report(Handle handle, String sql) {
        if (handle.getConfig(SqlStatements.class).getSqlLogger() instanceof StatementReporter reporter) {
            reporter.report(sql);
        }
    }
}
