package dev.genstore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.contract.OperationsContract;
import dev.genstore.ops.IntegrityProblem;
import dev.genstore.ops.IntegrityReport;
import dev.genstore.spi.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresOperationsContractTest extends OperationsContract {
    private String url;

    @Override
    protected Storage newStorage() {
        String fresh = TestPostgres.freshSchemaUrl();
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
