package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.contract.OperationsContract;
import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.IntegrityReport;
import dev.genstore.ops.MaintenanceReport;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOperationsContractTest extends OperationsContract {
    @TempDir
    Path dir;
    private int stores;
    private Path file;

    @Override
    protected Storage newStorage() {
        Path next = dir.resolve("genstore-" + (++stores) + ".db");
        if (file == null) {
            file = next; // the first storage of a test is the one behind `store`
        }
        return SqliteStorage.file(next);
    }

    /** A plain connection: sqlite-jdbc leaves foreign-key enforcement off unless asked. */
    private void execute(boolean foreignKeys, String... statements) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 10000");
            s.execute("PRAGMA foreign_keys = " + (foreignKeys ? "ON" : "OFF"));
            for (String statement : statements) {
                s.execute(statement);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long number(String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
             ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected void sql(String statement) {
        execute(true, statement);
    }

    @Override
    protected void sqlWithoutForeignKeys(String statement) {
        execute(false, statement);
    }

    @Test
    void aDamagedIndexIsReportedBySqlitesIntegrityCheck() {
        populate(store);
        // Point an index's definition at another column without rebuilding it: its entries no longer match the rows.
        execute(false, "PRAGMA writable_schema = ON",
                "UPDATE sqlite_schema SET sql = 'CREATE INDEX otp_challenges_expiry ON otp_challenges (created_at)'"
                        + " WHERE name = 'otp_challenges_expiry'",
                "PRAGMA writable_schema = OFF");
        execute(false, "PRAGMA schema_version = " + (number("PRAGMA schema_version") + 1));
        IntegrityReport report = store.operations().verify();
        List<IntegrityProblem> found = report.problemsOf(IntegrityProblem.SQLITE_INTEGRITY);
        assertTrue(!found.isEmpty() && found.stream().anyMatch(p -> p.detail().contains("otp_challenges_expiry")), report::toString);
    }

    @Test
    void aNewDatabaseVacuumsIncrementallyAndMaintenanceRunsEveryStep() {
        populate(store);
        assertEquals(2, number("PRAGMA auto_vacuum"), "auto_vacuum=INCREMENTAL");
        sql("DELETE FROM prompts");
        MaintenanceReport report = store.operations().maintain();
        assertEquals(4, report.steps().size(), report::toString);
        assertEquals("optimize", report.steps().get(0));
        assertEquals("analyze", report.steps().get(1));
        assertTrue(report.steps().get(2).startsWith("incremental_vacuum: "), report::toString);
        assertTrue(report.steps().get(3).startsWith("wal_checkpoint(TRUNCATE): busy=0"), report::toString);
        assertEquals(0, number("PRAGMA freelist_count"));
    }
}
