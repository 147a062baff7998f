package dev.genstore.sqlite;

import dev.genstore.contract.BudgetsRaceContract;
import dev.genstore.contract.HostileInputSweepContract;
import dev.genstore.contract.LedgerRaceContract;
import dev.genstore.contract.MetricsContract;
import dev.genstore.contract.QueueProcessContract;
import dev.genstore.contract.QueueProcessWorker;
import dev.genstore.contract.QueueRaceContract;
import dev.genstore.contract.TransferContract;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract suite on sqlite, part one of two (SqliteContractsTest and SqliteRaceContractsTest): the contracts that race threads or processes, or move much data (a class of their own so that the two test JVMs per module share the work).
 * One nested class per contract of core's test-jar; SqliteContractCoverageTest fails when a contract is run by neither.
 */
class SqliteRaceContractsTest {
    @Nested
    class BudgetsRaceTest extends BudgetsRaceContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class HostileInputSweepTest extends HostileInputSweepContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class LedgerRaceTest extends LedgerRaceContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class MetricsTest extends MetricsContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class QueueRaceTest extends QueueRaceContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class TransferTest extends TransferContract {
        @TempDir
        Path dir;
        private int stores;

        @Override
        protected Storage newStorage() {
            return SqliteStorage.file(dir.resolve("store-" + (++stores) + ".db"));
        }
    }

    @Nested
    class QueueProcessTest extends QueueProcessContract {
        @TempDir
        Path dir;

        @Override
        protected String newDatabase() {
            return dir.resolve("queue.db").toString();
        }

        @Override
        protected Storage storage(String database) {
            return SqliteStorage.file(Path.of(database));
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
                QueueProcessWorker.main(args, database -> SqliteStorage.file(Path.of(database)));
            }
        }
    }
}
