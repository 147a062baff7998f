package dev.genstore.memory;

import dev.genstore.contract.ContractCoverage;
import dev.genstore.contract.QueueProcessContract;
import dev.genstore.contract.SchemaContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fails when core's test-jar has a contract that neither suite class of this backend runs. */
class MemoryContractCoverageTest {
    @Test
    void everyContractRunsOnThisBackend() {
        ContractCoverage.assertEveryContractRuns(
                Map.of(SchemaContract.class, "an in-memory database cannot be reopened, and reopening is what it tests",
                        QueueProcessContract.class, "an in-memory database cannot be shared by processes"),
                MemoryContractsTest.class, MemoryRaceContractsTest.class);
    }
}
