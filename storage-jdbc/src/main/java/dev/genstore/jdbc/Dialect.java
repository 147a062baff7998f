package dev.genstore.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/**
 * What differs between SQL databases, kept to a narrow seam: how ids and instants are stored, how a row is locked,
 * which errors are transient, where the migrations live and what a shared migration's placeholders stand for. One
 * implementation per backend module.
 */
public interface Dialect {
    /** The backend's short name, e.g. {@code sqlite}. */
    String name();

    /** The Flyway location of this dialect's migrations, e.g. {@code classpath:dev/genstore/sqlite/migration}. */
    String migrationLocation();

    /** The Flyway location of the migrations every dialect shares, applied beside {@link #migrationLocation()}. */
    String SHARED_MIGRATION_LOCATION = "classpath:dev/genstore/common/migration";

    /**
     * The Flyway placeholders a shared migration (in {@link #SHARED_MIGRATION_LOCATION}) writes instead of the type
     * names and table options that differ between databases, so that one file serves every dialect. Every dialect
     * supplies every key of {@link SchemaPlaceholders#KEYS}:
     * {@code ${uuid}}, {@code ${text}}, {@code ${key_text}} (text compared byte by byte, for keys that page),
     * {@code ${instant}}, {@code ${json}}, {@code ${bytes}}, {@code ${integer}}, {@code ${bigint}}, {@code ${double}},
     * and {@code ${table_options}} (written after a {@code CREATE TABLE}'s closing parenthesis, e.g. SQLite's
     * {@code STRICT}).
     */
    SchemaPlaceholders schemaPlaceholders();

    /** The clause that locks the selected rows until the transaction ends, with a leading space; empty if none. */
    String forUpdate();

    /**
     * The clause that locks the selected rows and skips rows other transactions have locked, with a leading space;
     * empty where writers are serialized anyway (SQLite).
     */
    String forUpdateSkipLocked();

    /**
     * An {@code UPDATE} that hands back {@code columns} of the rows it changed, as one statement: {@code update
     * RETURNING columns} by default (PostgreSQL; SQLite 3.35 and later).
     */
    default String updateReturning(String update, String columns) {
        return update + " RETURNING " + columns;
    }

    /**
     * Whether one statement can lock rows in a subquery with {@code FOR UPDATE SKIP LOCKED}, update them and return
     * them with a value of the subquery (PostgreSQL's data-modifying {@code WITH} and {@code UPDATE … FROM}): a claim
     * is then one round trip. False by default: the claim locks, then updates.
     */
    default boolean claimsInOneStatement() {
        return false;
    }

    /**
     * Whether an {@code UPDATE … FROM unnest(array, …)} can write many rows, each with its own values, in one
     * statement (PostgreSQL); false by default: such updates run one statement per row.
     */
    default boolean updatesFromValues() {
        return false;
    }

    /** How a JSON text parameter is written into a JSON column, e.g. {@code CAST(:p AS json)}; the placeholder as is where JSON is text. */
    String jsonParameter(String placeholder);

    /** An SQL expression for the microseconds from instant column {@code from} to instant column {@code to}. */
    String microsBetween(String from, String to);

    /** An argument binding a UUID (or SQL NULL). */
    Argument uuid(UUID value);

    /** Reads a UUID column; {@code null} for SQL NULL. */
    UUID uuid(ResultSet rs, String column) throws SQLException;

    /** An argument binding an instant (or SQL NULL). */
    Argument instant(Instant value);

    /** Reads an instant column; {@code null} for SQL NULL. */
    Instant instant(ResultSet rs, String column) throws SQLException;

    /**
     * A prompt search as SQL fragments: {@code from} names the prompts table {@code p} (joined to whatever index finds
     * them), {@code condition} keeps the prompts whose search terms hold, for every one of {@code terms}, a term that
     * begins with it (a prefix match: "sun" finds "sunset"), {@code score} is
     * their relevance (a double; lower is more relevant). It puts the values of its named parameters into
     * {@code arguments}; the terms are never written into the SQL. Each term is letters, digits and marks only (no
     * space, quote, operator or wildcard), as the prompts' own terms are.
     */
    PromptSearch promptSearch(List<String> terms, Map<String, Object> arguments);

    /**
     * A whole page of a prompt search without a model filter, for a dialect whose index can rank and cut the page
     * before the prompts are joined (so a broad query joins 21 rows, not every match); empty to use
     * {@link #promptSearch}. It selects the prompt columns as {@code p.*} and {@code score}, ordered by score and then a
     * tie-break of the dialect's choosing, and uses the named parameters {@code :limit} and, when {@code after},
     * {@code :afterScore} and {@code :afterId} (the last prompt of the previous page).
     */
    default Optional<String> promptSearchPage(String columns, List<String> terms, boolean after, Map<String, Object> arguments) {
        return Optional.empty();
    }

    /** The fragments of a prompt search; see {@link #promptSearch}. */
    record PromptSearch(String from, String condition, String score) {
    }

    /**
     * True when running the same transaction again may succeed: deadlocks, serialization failures, a busy database,
     * and unique-key violations (two transactions inserting the same key at once; genstore checks before it inserts,
     * so on a retry the check sees the other transaction's row).
     */
    boolean isTransient(SQLException e);

    /**
     * True when {@code e} says the database cannot be reached right now (connection refused or lost, a server shutting
     * down or starting up): a transient failure that may last seconds, so the storage keeps retrying it, with a longer
     * backoff than a conflict, until the operation's deadline. False by default (an embedded database is never out of
     * reach).
     */
    default boolean isUnreachable(SQLException e) {
        return false;
    }

    /**
     * SQL that returns an id of the current transaction, by which {@link #transactionStatusSql()} can later tell whether
     * it committed, or null when the transaction has written nothing (then a lost commit can be settled by running the
     * work again); asked just before {@code COMMIT} by a database that can lose a commit's answer (a server across a
     * network), unless a statement of the transaction already returned it ({@link #transactionIdExpression()}). Null
     * (the default) for a database that cannot: an embedded one answers every commit.
     */
    default String transactionIdSql() {
        return null;
    }

    /**
     * An expression for a {@code RETURNING} clause that yields the same id as {@link #transactionIdSql()}: a statement
     * that returns it spares the commit its own round trip to ask. Null (the default) when there is none.
     */
    default String transactionIdExpression() {
        return null;
    }

    /** True when {@code e} is a foreign key violation: a row refers to a row that does not exist. */
    default boolean isForeignKeyViolation(SQLException e) {
        return "23503".equals(e.getSQLState());
    }

    /**
     * SQL with one parameter, an id from {@link #transactionIdSql()}, that returns {@code committed}, {@code aborted} or
     * {@code in progress} (or null when the transaction is too old to tell). Asked on another connection when the
     * connection was lost during {@code COMMIT}.
     */
    default String transactionStatusSql() {
        return null;
    }

    /**
     * An insert of one row that replaces a stored row with the same {@code key} (and changes nothing when all columns
     * are key): {@code INSERT … ON CONFLICT (key) DO UPDATE}, which PostgreSQL and SQLite share. {@code values} are
     * the value expressions (placeholders) in column order. Used by export, import and copy.
     */
    default String upsert(String table, List<String> columns, List<String> values, List<String> key) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(String.join(", ", columns))
                .append(") VALUES (").append(String.join(", ", values)).append(") ON CONFLICT (")
                .append(String.join(", ", key)).append(')');
        List<String> rest = columns.stream().filter(c -> !key.contains(c)).toList();
        if (rest.isEmpty()) {
            return sql.append(" DO NOTHING").toString();
        }
        sql.append(" DO UPDATE SET ");
        for (int i = 0; i < rest.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(rest.get(i)).append(" = EXCLUDED.").append(rest.get(i));
        }
        return sql.toString();
    }

    /**
     * The tables and columns (as {@code table} or {@code table.column}, lower case) this backend derives from the data,
     * such as a full-text index or a generated column: they are left out of exports and copies and rebuilt from the
     * rows.
     */
    default Set<String> derived() {
        return Set.of();
    }

    /** How this database checks, maintains and measures itself; the SQL-standard defaults of {@link Housekeeping} unless overridden. */
    default Housekeeping housekeeping() {
        return new Housekeeping() { };
    }
}
