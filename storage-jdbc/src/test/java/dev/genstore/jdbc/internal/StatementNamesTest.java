package dev.genstore.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatementNamesTest {

    @Test
    void namesAreTheVerbAndTheTable() {
        assertEquals("UPDATE token_accounts", StatementNames.of(
                "UPDATE token_accounts SET balance = ?, held = ? WHERE user_id = ?"));
        assertEquals("INSERT ledger_entries", StatementNames.of(
                "INSERT INTO ledger_entries (user_id, sequence) VALUES (?, ?)"));
        assertEquals("DELETE cache_entries", StatementNames.of("delete from cache_entries where id = :id"));
        assertEquals("SELECT jobs FOR UPDATE", StatementNames.of(
                "SELECT id, status FROM jobs WHERE status = 'QUEUED' AND run_after <= :now ORDER BY priority DESC"
                        + " LIMIT :limit FOR UPDATE SKIP LOCKED"));
        assertEquals("SELECT prompt_models", StatementNames.of(
                "SELECT p.id FROM (SELECT prompt_id FROM prompt_models) m JOIN prompts p ON p.id = m.prompt_id"),
                "FROM ( is not a table: the first table read is named");
        assertEquals("SELECT", StatementNames.of("SELECT 1"));
        assertEquals("SQL", StatementNames.of("   "));
    }

    @Test
    void aStatementWithCommonTableExpressionsIsNamedByEachStatementItRuns() {
        assertEquals("UPDATE token_accounts, INSERT ledger_entries, SELECT debited", StatementNames.of(
                "WITH debited AS (UPDATE token_accounts SET balance = balance - ? WHERE user_id = ? RETURNING user_id),"
                        + " entry AS (INSERT INTO ledger_entries (user_id) SELECT user_id FROM debited RETURNING sequence)"
                        + " SELECT d.user_id FROM debited d, entry e"));
        assertEquals("WITH", StatementNames.of("WITH x AS MATERIALIZED"));
        assertEquals("UPDATE token_accounts", StatementNames.of(
                "SELECT user_id FROM FINAL TABLE (UPDATE token_accounts SET balance = balance - ? WHERE user_id = ?"
                        + " AND NOT EXISTS (SELECT 1 FROM ledger_entries WHERE reference_id = ?))"), "H2's data-change delta table");
    }

    @Test
    void literalsAndCommentsNeverBecomeNames() {
        assertEquals("SELECT users", StatementNames.of(
                "SELECT id FROM /* FROM secret */ users WHERE email = 'FROM ann@example.com' -- FROM secret\n"));
        assertEquals("SELECT", StatementNames.of("SELECT 'a FROM b' AS x FROM (VALUES (1))"));
    }
}
