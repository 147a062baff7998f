package dev.genstore.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.contract.HousekeepingContract;
import dev.genstore.ops.HousekeepingListener;
import dev.genstore.ops.HousekeepingPolicy;
import dev.genstore.ops.HousekeepingRun;
import dev.genstore.ops.HousekeepingTask;
import dev.genstore.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresHousekeepingContractTest extends HousekeepingContract {
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
        otherSchema[0] = openStore(builder -> builder);

        HousekeepingRun firstRun = first.housekeeping().runNow(HousekeepingTask.PURGE);

        assertTrue(firstRun.ran());
        assertEquals(3, seenBySecond.size());
        assertFalse(seenBySecond.get(0).ran(), "the second store ran PURGE while the first held it");
        assertTrue(seenBySecond.get(1).ran(), "another task is not held up");
        assertTrue(seenBySecond.get(2).ran(), "a store on another schema is not held up");
        assertTrue(second[0].housekeeping().runNow(HousekeepingTask.PURGE).ran(), "the lock was not released");
    }
}
