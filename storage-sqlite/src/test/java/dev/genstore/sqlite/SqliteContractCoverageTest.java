package dev.genstore.sqlite;

import dev.genstore.contract.ContractCoverage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fails when core's test-jar has a contract that neither suite class of this backend runs. */
class SqliteContractCoverageTest {
    @Test
    void everyContractRunsOnThisBackend() {
        ContractCoverage.assertEveryContractRuns(Map.of(), SqliteContractsTest.class, SqliteRaceContractsTest.class);
    }
}
