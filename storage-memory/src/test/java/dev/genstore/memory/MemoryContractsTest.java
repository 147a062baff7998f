package dev.genstore.memory;

import dev.genstore.blobs.BlobStore;
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
import dev.genstore.contract.ThumbnailContract;
import dev.genstore.contract.TransactionContract;
import dev.genstore.jdbc.SharedMigrations;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import dev.genstore.contract.OperatorJobsContract;
import dev.genstore.contract.SubmitAllContract;
import dev.genstore.contract.WaitingClaimContract;

/**
 * The contract suite on memory, part one of two (MemoryContractsTest and MemoryRaceContractsTest): every other contract.
 * One nested class per contract of core's test-jar; MemoryContractCoverageTest fails when a contract is run by neither.
 */
class MemoryContractsTest {
    @Nested
    class AccountsTest extends AccountsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class ApiNullsTest extends ApiNullsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class BlobStoreTest extends BlobStoreContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class BudgetAlertListenerTest extends BudgetAlertListenerContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class BudgetsTest extends BudgetsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class ErrorsTest extends ErrorsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class HousekeepingTest extends HousekeepingContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class ImageCacheTest extends ImageCacheContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class ImageRegistrationTest extends ImageRegistrationContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class ImagesTest extends ImagesContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    /** Images with blobs outside the database (written before the rows, deleted after the commit), on H2. */
    @Nested
    class ImagesOnAnOutsideBlobStoreTest extends ImagesContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }

        @Override
        protected BlobStore blobStore() {
            return BlobStore.inMemory();
        }
    }

    /** {@link BlobStore#inMemory()} against the blob store contract. */
    @Nested
    class InMemoryBlobStoreTest extends BlobStoreContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }

        @Override
        protected BlobStore blobStore() {
            return BlobStore.inMemory();
        }
    }

    @Nested
    class JobControlTest extends JobControlContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class JobsTest extends JobsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class JsonRoundTripTest extends JsonRoundTripContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class LedgerTest extends LedgerContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class LiveSchemaTest extends LiveSchemaContract {
        private MemoryStorage storage;

        @Override
        protected Storage newStorage() {
            storage = MemoryStorage.create();
            return storage;
        }

        @Override
        protected Connection connect() throws SQLException {
            return DriverManager.getConnection(storage.jdbcUrl(), "sa", "");
        }

        @Override
        protected void applySharedMigrations(String location, String historyTable) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(storage.jdbcUrl());
            h2.setUser("sa");
            h2.setPassword("");
            SharedMigrations.apply(h2, storage.dialect(), location, historyTable);
        }
    }

    @Nested
    class OperationsTest extends OperationsContract {
        private MemoryStorage storage;

        @Override
        protected Storage newStorage() {
            MemoryStorage fresh = MemoryStorage.create();
            if (storage == null) {
                storage = fresh; // the first storage of a test is the one behind `store`
            }
            return fresh;
        }

        /** H2 answers 0 for the size of an in-memory table, so the backend reports -1. */
        @Override
        protected boolean knowsDatabaseBytes() {
            return false;
        }

        private void execute(String... statements) {
            try (Connection c = DriverManager.getConnection(storage.jdbcUrl(), "sa", ""); Statement s = c.createStatement()) {
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

        @Override
        protected void sqlWithoutForeignKeys(String statement) {
            execute("SET REFERENTIAL_INTEGRITY FALSE", statement, "SET REFERENTIAL_INTEGRITY TRUE");
        }
    }

    @Nested
    class OtpTest extends OtpContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }

        @Override
        protected List<Storage> twoStoragesOfOneDatabase() {
            String database = "otp-shared-" + UUID.randomUUID();
            return List.of(MemoryStorage.named(database), MemoryStorage.named(database));
        }
    }

    @Nested
    class OwnershipTest extends OwnershipContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class PromptsTest extends PromptsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class QaTest extends QaContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class QueueTest extends QueueContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class RefusedCallsTest extends RefusedCallsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class ThumbnailTest extends ThumbnailContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class TransactionTest extends TransactionContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class OperatorJobsTest extends OperatorJobsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class SubmitAllTest extends SubmitAllContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class WaitingClaimTest extends WaitingClaimContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
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
