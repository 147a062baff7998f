package dev.genstore.postgres;

import dev.genstore.contract.ContractCoverage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fails when core's test-jar has a contract that neither suite class of this backend runs. */
class PostgresContractCoverageTest {
    @Test
    void everyContractRunsOnThisBackend() {
        ContractCoverage.assertEveryContractRuns(Map.of(), PostgresContractsTest.class, PostgresRaceContractsTest.class);
    }
}
