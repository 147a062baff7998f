package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.contract.AccountsContract;
import dev.genstore.contract.ApiNullsContract;
import dev.genstore.contract.BlobStoreContract;
import dev.genstore.contract.BudgetAlertListenerContract;
import dev.genstore.contract.BudgetsContract;
import dev.genstore.contract.ErrorsContract;
import dev.genstore.contract.HousekeepingContract;
import dev.genstore.contract.ImageCacheContract;
import dev.genstore.contract.ImageRegistrationContract;
import dev.genstore.contract.ImagesContract;
import dev.genstore.contract.JobControlContract;
import dev.genstore.contract.JobsContract;
import dev.genstore.contract.JsonRoundTripContract;
import dev.genstore.contract.LedgerContract;
import dev.genstore.contract.LiveSchemaContract;
import dev.genstore.contract.OperationsContract;
import dev.genstore.contract.OtpContract;
import dev.genstore.contract.OwnershipContract;
import dev.genstore.contract.PromptsContract;
import dev.genstore.contract.QaContract;
import dev.genstore.contract.QueueContract;
import dev.genstore.contract.RefusedCallsContract;
import dev.genstore.contract.SchemaContract;
import dev.genstore.contract.ThumbnailContract;
import dev.genstore.contract.TransactionContract;
import dev.genstore.jdbc.SharedMigrations;
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
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import dev.genstore.contract.OperatorJobsContract;
import dev.genstore.contract.SubmitAllContract;
import dev.genstore.contract.WaitingClaimContract;

/**
 * The contract suite on sqlite, part one of two (SqliteContractsTest and SqliteRaceContractsTest): every other contract.
 * One nested class per contract of core's test-jar; SqliteContractCoverageTest fails when a contract is run by neither.
 */
class SqliteContractsTest {
    @Nested
    class AccountsTest extends AccountsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class ApiNullsTest extends ApiNullsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    /** On SQLite with its default blob store: a directory beside the database file. */
    @Nested
    class BlobStoreTest extends BlobStoreContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class BudgetAlertListenerTest extends BudgetAlertListenerContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class BudgetsTest extends BudgetsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class ErrorsTest extends ErrorsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class HousekeepingTest extends HousekeepingContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class ImageCacheTest extends ImageCacheContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class ImageRegistrationTest extends ImageRegistrationContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    /** On SQLite with its default blob store: a directory beside the database file. */
    @Nested
    class ImagesTest extends ImagesContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class JobControlTest extends JobControlContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class JobsTest extends JobsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class JsonRoundTripTest extends JsonRoundTripContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class LedgerTest extends LedgerContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class LiveSchemaTest extends LiveSchemaContract {
        private static final String FTS = "the FTS5 index of prompts.search_terms (V7/V14), rebuilt from the prompts' rows";

        @TempDir
        Path dir;
        private SqliteStorage storage;
        private Path file;

        @Override
        protected Storage newStorage() {
            file = dir.resolve("genstore-" + System.nanoTime() + ".db");
            storage = SqliteStorage.file(file);
            return storage;
        }

        @Override
        protected Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + file);
        }

        @Override
        protected void applySharedMigrations(String location, String historyTable) {
            SQLiteDataSource sqlite = new SQLiteDataSource();
            sqlite.setUrl("jdbc:sqlite:" + file);
            SharedMigrations.apply(sqlite, storage.dialect(), location, historyTable);
        }

        @Override
        protected Map<String, String> notExported() {
            return Map.of(
                    "prompts.fts_rowid", "the integer key the FTS5 index refers to, assigned on insert",
                    "prompts_fts", FTS,
                    "prompts_fts_data", FTS,
                    "prompts_fts_idx", FTS,
                    "prompts_fts_content", FTS,
                    "prompts_fts_docsize", FTS,
                    "prompts_fts_config", FTS);
        }
    }

    @Nested
    class OperationsTest extends OperationsContract {
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

    @Nested
    class OtpTest extends OtpContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }

        @Override
        protected List<Storage> twoStoragesOfOneDatabase() {
            Path shared = dir.resolve("shared-" + (++stores) + ".db");
            return List.of(SqliteStorage.file(shared), SqliteStorage.file(shared));
        }
    }

    @Nested
    class OwnershipTest extends OwnershipContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class PromptsTest extends PromptsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class QaTest extends QaContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class QueueTest extends QueueContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class RefusedCallsTest extends RefusedCallsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class SchemaTest extends SchemaContract {
        @TempDir
        Path dir;

        private Path file() {
            return dir.resolve("genstore.db");
        }

        @Override
        protected Storage storageOnTheSameDatabase() {
            return SqliteStorage.file(file());
        }

        @Override
        protected void recordNewerMigration() {
            execute("INSERT INTO genstore_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) VALUES (999, '999', 'from the future', 'SQL',"
                    + " 'V999__from_the_future.sql', 0, 'test', CURRENT_TIMESTAMP, 1, 1)");
        }

        @Override
        protected long historyRows() {
            return count("SELECT COUNT(*) FROM genstore_schema_history");
        }

        @Override
        protected long userRows() {
            return count("SELECT COUNT(*) FROM users");
        }

        private void execute(String sql) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private long count(String sql) {
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file()); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** On SQLite with its default blob store: a directory beside the database file. */
    @Nested
    class ThumbnailTest extends ThumbnailContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class TransactionTest extends TransactionContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class OperatorJobsTest extends OperatorJobsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class SubmitAllTest extends SubmitAllContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class WaitingClaimTest extends WaitingClaimContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    /** The cache contract with every value in the blob store (an inline threshold of 0). */
    @Nested
    class ImageCacheInBlobStoreTest extends ImageCacheTest {
        @Override
        protected int inlineBytes() {
            return 0;
        }
    }
}
