package dev.genstore.postgres;

import dev.genstore.contract.BudgetsRaceContract;
import dev.genstore.contract.HostileInputSweepContract;
import dev.genstore.contract.LedgerRaceContract;
import dev.genstore.contract.MetricsContract;
import dev.genstore.contract.QueueProcessContract;
import dev.genstore.contract.QueueProcessWorker;
import dev.genstore.contract.QueueRaceContract;
import dev.genstore.contract.TransferContract;
import dev.genstore.spi.Storage;
import org.junit.jupiter.api.Nested;

/**
 * The contract suite on postgres, part one of two (PostgresContractsTest and PostgresRaceContractsTest): the contracts that race threads or processes, or move much data (a class of their own so that the two test JVMs per module share the work).
 * One nested class per contract of core's test-jar; PostgresContractCoverageTest fails when a contract is run by neither.
 */
class PostgresRaceContractsTest {
    @Nested
    class BudgetsRaceTest extends BudgetsRaceContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class HostileInputSweepTest extends HostileInputSweepContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class LedgerRaceTest extends LedgerRaceContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class MetricsTest extends MetricsContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class QueueRaceTest extends QueueRaceContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class TransferTest extends TransferContract {
        @Override
        protected Storage newStorage() {
            return TestPostgres.freshStorage();
        }
    }

    @Nested
    class QueueProcessTest extends QueueProcessContract {
        @Override
        protected String newDatabase() {
            return TestPostgres.freshSchemaUrl();
        }

        @Override
        protected Storage storage(String database) {
            return PostgresStorage.of(database);
        }

        @Override
        protected Class<?> workerMain() {
            return Worker.class;
        }

        /** The worker JVM's entry point. */
        public static final class Worker {
            private Worker() {
            }

            public static void main(String[] args) throws Exception {
                QueueProcessWorker.main(args, database -> PostgresStorage.of(database).poolSize(2));
            }
        }
    }
}
