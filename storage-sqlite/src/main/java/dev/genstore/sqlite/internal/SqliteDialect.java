package dev.genstore.sqlite.internal;

import dev.genstore.jdbc.Dialect;
import dev.genstore.jdbc.Housekeeping;
import dev.genstore.jdbc.SchemaPlaceholders;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.argument.Argument;

/**
 * SQLite: ids as canonical UUID text (sorts like the UUID), instants as INTEGER microseconds since the epoch (exact,
 * zone-free, and ordered). No row locks: writes are serialized by the single writer connection.
 */
public final class SqliteDialect implements Dialect {
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_CONSTRAINT_PRIMARYKEY = 1555;
    private static final int SQLITE_CONSTRAINT_UNIQUE = 2067;

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String migrationLocation() {
        return "classpath:dev/genstore/sqlite/migration";
    }

    /** Ids as text, instants as INTEGER microseconds, JSON as text; every table {@code STRICT}. */
    @Override
    public SchemaPlaceholders schemaPlaceholders() {
        return new SchemaPlaceholders("TEXT", "TEXT", "TEXT", "INTEGER", "TEXT", "BLOB", "INTEGER", "INTEGER", "REAL",
                "STRICT");
    }

    @Override
    public String forUpdate() {
        return "";
    }

    @Override
    public String forUpdateSkipLocked() {
        return "";
    }

    @Override
    public String jsonParameter(String placeholder) {
        return placeholder;
    }

    @Override
    public String microsBetween(String from, String to) {
        return "(" + to + " - " + from + ")";
    }

    @Override
    public Argument uuid(UUID value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.VARCHAR);
            } else {
                statement.setString(position, value.toString());
            }
        };
    }

    @Override
    public UUID uuid(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : UUID.fromString(text);
    }

    @Override
    public Argument instant(Instant value) {
        return (position, statement, ctx) -> {
            if (value == null) {
                statement.setNull(position, Types.BIGINT);
            } else {
                statement.setLong(position, toMicros(value));
            }
        };
    }

    @Override
    public Instant instant(ResultSet rs, String column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    static long toMicros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000L);
    }

    @Override
    public boolean isTransient(SQLException e) {
        int code = e.getErrorCode();
        int primary = code & 0xFF;
        if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
            return true;
        }
        return code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY
                || (code == SQLITE_CONSTRAINT && String.valueOf(e.getMessage()).contains("UNIQUE constraint failed"));
    }

    /**
     * FTS5 over the terms (unicode61, no diacritic folding), ranked by bm25. Each term is bound inside one MATCH
     * string as a double-quoted string, which FTS5 reads as plain text; terms never hold a quote. The prompts join on
     * the integer row id the index shares with them, not on the text id.
     */
    @Override
    public PromptSearch promptSearch(List<String> terms, Map<String, Object> arguments) {
        arguments.put("match", ftsQuery(terms));
        return new PromptSearch("prompts_fts JOIN prompts p ON p.fts_rowid = prompts_fts.rowid", "prompts_fts MATCH :match",
                "bm25(prompts_fts)");
    }

    /**
     * FTS5 ranks its matches and cuts the page before the prompts are joined, so a broad query joins one page of rows,
     * not every match. Ties in score go by the index's row id, which follows insertion order (as the time-ordered ids
     * do); the previous page's last prompt is found again by its id.
     */
    @Override
    public Optional<String> promptSearchPage(String columns, List<String> terms, boolean after, Map<String, Object> arguments) {
        arguments.put("match", ftsQuery(terms));
        String keyset = after ? " AND (bm25(prompts_fts) > :afterScore OR (bm25(prompts_fts) = :afterScore"
                + " AND rowid > (SELECT fts_rowid FROM prompts WHERE id = :afterId)))" : "";
        return Optional.of("SELECT " + columns + ", s.score AS score FROM (SELECT rowid AS fts_rowid, bm25(prompts_fts) AS score"
                + " FROM prompts_fts WHERE prompts_fts MATCH :match" + keyset + " ORDER BY score, fts_rowid LIMIT :limit) s"
                + " JOIN prompts p ON p.fts_rowid = s.fts_rowid ORDER BY s.score, s.fts_rowid");
    }

    /**
     * Every term quoted, so FTS5 reads none of it as syntax, and followed by {@code *}, FTS5's prefix query (outside
     * the quotes: the one operator genstore writes); terms separated by spaces must all match.
     */
    private static String ftsQuery(List<String> terms) {
        StringBuilder match = new StringBuilder();
        for (String term : terms) {
            if (match.length() > 0) {
                match.append(' ');
            }
            match.append('"').append(term.replace("\"", "\"\"")).append("\"*");
        }
        return match.toString();
    }

    /**
     * The prompts' FTS5 index (its virtual table and shadow tables), fed by triggers on insert, and the integer rowid
     * that keys it, assigned on insert.
     */
    @Override
    public Set<String> derived() {
        return Set.of("prompts.fts_rowid", "prompts_fts", "prompts_fts_data", "prompts_fts_idx", "prompts_fts_content",
                "prompts_fts_docsize", "prompts_fts_config");
    }

    @Override
    public Housekeeping housekeeping() {
        return new SqliteHousekeeping();
    }
}
