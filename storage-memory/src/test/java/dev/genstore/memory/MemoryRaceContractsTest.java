package dev.genstore.memory;

import dev.genstore.contract.BudgetsRaceContract;
import dev.genstore.contract.HostileInputSweepContract;
import dev.genstore.contract.LedgerRaceContract;
import dev.genstore.contract.MetricsContract;
import dev.genstore.contract.QueueRaceContract;
import dev.genstore.contract.TransferContract;
import dev.genstore.spi.Storage;
import org.junit.jupiter.api.Nested;

/**
 * The contract suite on memory, part one of two (MemoryContractsTest and MemoryRaceContractsTest): the contracts that race threads or processes, or move much data (a class of their own so that the two test JVMs per module share the work).
 * One nested class per contract of core's test-jar; MemoryContractCoverageTest fails when a contract is run by neither.
 */
class MemoryRaceContractsTest {
    @Nested
    class BudgetsRaceTest extends BudgetsRaceContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class HostileInputSweepTest extends HostileInputSweepContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class LedgerRaceTest extends LedgerRaceContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class MetricsTest extends MetricsContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class QueueRaceTest extends QueueRaceContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }

    @Nested
    class TransferTest extends TransferContract {
        @Override
        protected Storage newStorage() {
            return MemoryStorage.create();
        }
    }
}
