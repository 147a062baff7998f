package dev.genstore.spi;

/**
 * Told the name of each SQL statement a storage runs, for the slow-operation log. See
 * {@link Storage#statementListener(StatementListener)}.
 */
@FunctionalInterface
public interface StatementListener {
    /**
     * A statement is about to run on the calling thread. {@code name} says what it does and to which table, e.g.
     * {@code UPDATE token_accounts}; it never holds a parameter value. Must be fast and must not throw.
     */
    void statement(String name);
}
