package dev.genstore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
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
import dev.genstore.ops.HousekeepingListener;
import dev.genstore.ops.HousekeepingPolicy;
import dev.genstore.ops.HousekeepingRun;
import dev.genstore.ops.HousekeepingTask;
import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.IntegrityReport;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import dev.genstore.contract.OperatorJobsContract;
import dev.genstore.contract.SubmitAllContract;
import dev.genstore.contract.WaitingClaimContract;

/**
 * The contract suite on postgres, part one of two (PostgresContractsTest and PostgresRaceContractsTest): every other contract.
 * One nested class per contract of core's test-jar; PostgresContractCoverageTest fails when a contract is run by neither.
 */
class PostgresContractsTest {
    @Nested
    class AccountsTest extends AccountsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class ApiNullsTest extends ApiNullsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class BlobStoreTest extends BlobStoreContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class BudgetAlertListenerTest extends BudgetAlertListenerContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class BudgetsTest extends BudgetsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class ErrorsTest extends ErrorsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class HousekeepingTest extends HousekeepingContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }

        /**
         * Two stores on one database (the same schema), as two application instances: while the first runs a task, the
         * second's attempt at the same task finds it running (the advisory lock) and does nothing; another task, or a
         * store on another schema, is not held up; once the first is done, the second runs it.
         */
        @Test
        void twoStoresOnOneDatabaseRunEachTaskOneAtATime() {
            String url = TestPostgres.freshSchemaUrl();
            List<HousekeepingRun> seenBySecond = new ArrayList<>();
            Genstore[] second = new Genstore[1];
            Genstore[] otherSchema = new Genstore[1];
            Genstore first = openStore(builder -> builder.storage(PostgresStorage.of(url).poolSize(4))
                    .housekeeping(HousekeepingPolicy.OFF.listener(new HousekeepingListener() {
                        @Override
                        public void started(HousekeepingTask task) {
                            if (task == HousekeepingTask.PURGE) { // the first holds PURGE now
                                seenBySecond.add(second[0].housekeeping().runNow(HousekeepingTask.PURGE));
                                seenBySecond.add(second[0].housekeeping().runNow(HousekeepingTask.LEASE_RECOVERY));
                                seenBySecond.add(otherSchema[0].housekeeping().runNow(HousekeepingTask.PURGE));
                            }
                        }
                    })));
            second[0] = openStore(builder -> builder.storage(PostgresStorage.of(url).poolSize(4)));
            // Another schema of the same database (not another database), so the lock's key must tell schemas apart.
            otherSchema[0] = openStore(builder -> builder.storage(PostgresStorage.of(TestPostgres.freshSchemaUrl())));

            HousekeepingRun firstRun = first.housekeeping().runNow(HousekeepingTask.PURGE);

            assertTrue(firstRun.ran());
            assertEquals(3, seenBySecond.size());
            assertFalse(seenBySecond.get(0).ran(), "the second store ran PURGE while the first held it");
            assertTrue(seenBySecond.get(1).ran(), "another task is not held up");
            assertTrue(seenBySecond.get(2).ran(), "a store on another schema is not held up");
            assertTrue(second[0].housekeeping().runNow(HousekeepingTask.PURGE).ran(), "the lock was not released");
        }
    }

    @Nested
    class ImageCacheTest extends ImageCacheContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class ImageRegistrationTest extends ImageRegistrationContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class ImagesTest extends ImagesContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class JobControlTest extends JobControlContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class JobsTest extends JobsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class JsonRoundTripTest extends JsonRoundTripContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class LedgerTest extends LedgerContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class LiveSchemaTest extends LiveSchemaContract {
        private PostgresStorage storage;
        private String url;

        @Override
        protected Storage newStorage() {
            url = TestPostgres.freshSchemaUrl();
            storage = PostgresStorage.of(url);
            return storage;
        }

        @Override
        protected Connection connect() throws SQLException {
            return DriverManager.getConnection(url);
        }

        @Override
        protected void applySharedMigrations(String location, String historyTable) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(url);
            SharedMigrations.apply(postgres, storage.dialect(), location, historyTable);
        }

        @Override
        protected Map<String, String> notExported() {
            return Map.of("prompts.search_vector", "a generated tsvector column over prompts.search_terms (full-text search)");
        }
    }

    @Nested
    class OperationsTest extends OperationsContract {
        private String url;

        @Override
        protected Storage newStorage() {
            String fresh = TestPostgres.freshMigratedUrl();
            if (url == null) {
                url = fresh; // the first storage of a test is the one behind `store`
            }
            return PostgresStorage.of(fresh).poolSize(12);
        }

        private void execute(String... statements) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                for (String statement : statements) {
                    s.execute(statement);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected void sql(String statement) {
            execute(statement);
        }

        /** {@code replica} turns off the triggers that enforce foreign keys, as a logical-replication load does. */
        @Override
        protected void sqlWithoutForeignKeys(String statement) {
            execute("SET session_replication_role = replica", statement);
        }

        @Test
        void anInvalidIndexAndAnUnvalidatedConstraintAreCatalogProblems() {
            populate(store);
            execute("UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'jobs_owner'::regclass",
                    "ALTER TABLE prompts ADD CONSTRAINT prompts_uses_small CHECK (total_uses < 1000) NOT VALID");
            IntegrityReport report = store.operations().verify();
            List<IntegrityProblem> found = report.problemsOf(IntegrityProblem.CATALOG);
            assertEquals(2, found.size(), report::toString);
            assertTrue(found.stream().anyMatch(p -> p.subject().equals("index jobs_owner")), report::toString);
            assertTrue(found.stream().anyMatch(p -> p.subject().equals("constraint prompts_uses_small")), report::toString);
        }
    }

    @Nested
    class OtpTest extends OtpContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }

        @Override
        protected List<Storage> twoStoragesOfOneDatabase() {
            String url = TestPostgres.freshSchemaUrl();
            return List.of(PostgresStorage.of(url), PostgresStorage.of(url));
        }
    }

    @Nested
    class OwnershipTest extends OwnershipContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class PromptsTest extends PromptsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class QaTest extends QaContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class QueueTest extends QueueContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class RefusedCallsTest extends RefusedCallsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class SchemaTest extends SchemaContract {
        private final String url = TestPostgres.freshSchemaUrl();

        @Override
        protected Storage storageOnTheSameDatabase() {
            return PostgresStorage.of(url);
        }

        @Override
        protected void recordNewerMigration() {
            execute("INSERT INTO genstore_schema_history (installed_rank, version, description, type, script, checksum,"
                    + " installed_by, installed_on, execution_time, success) VALUES (999, '999', 'from the future', 'SQL',"
                    + " 'V999__from_the_future.sql', 0, 'test', now(), 1, true)");
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
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private long count(String sql) {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Nested
    class ThumbnailTest extends ThumbnailContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class TransactionTest extends TransactionContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class OperatorJobsTest extends OperatorJobsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class SubmitAllTest extends SubmitAllContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class WaitingClaimTest extends WaitingClaimContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
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
