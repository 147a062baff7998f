package dev.genstore.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.genstore.Genstore;
import dev.genstore.accounts.NewUser;
import dev.genstore.accounts.User;
import dev.genstore.errors.IncompatibleSchemaException;
import dev.genstore.spi.Storage;
import org.junit.jupiter.api.Test;

/**
 * Schema migrations of a durable backend: data survives reopening, migrations apply once, and a database that a newer
 * genstore migrated is refused with a clear message and left as it was. (The memory backend has no second opening, so
 * it does not run this suite.)
 */
public abstract class SchemaContract {

    /** A new storage over the one database this test instance uses (the same database on every call). */
    protected abstract Storage storageOnTheSameDatabase();

    /** Records in the database's history table a migration with a version above any genstore knows, as a newer genstore would. */
    protected abstract void recordNewerMigration();

    /** The number of rows in genstore's schema history table. */
    protected abstract long historyRows();

    /** The number of rows in the users table, read directly. */
    protected abstract long userRows();

    @Test
    void dataSurvivesReopeningAndMigrationsApplyOnce() {
        User ann;
        try (Genstore store = Genstore.open(storageOnTheSameDatabase())) {
            ann = store.accounts().create(NewUser.withEmail("ann@example.com"));
            store.ledger().credit(ann.id(), 40, "BONUS", "bonus-1");
        }
        long rows = historyRows();
        try (Genstore store = Genstore.open(storageOnTheSameDatabase())) {
            assertEquals(ann, store.accounts().get(ann.id()));
            assertEquals(40, store.ledger().account(ann.id()).balance());
        }
        assertEquals(rows, historyRows(), "reopening applied migrations again");
    }

    @Test
    void databaseMigratedByANewerGenstoreIsRefusedAndLeftAsItWas() {
        try (Genstore store = Genstore.open(storageOnTheSameDatabase())) {
            store.accounts().create(NewUser.withEmail("ann@example.com"));
        }
        recordNewerMigration();
        long rows = historyRows();
        assertEquals(1, userRows());

        IncompatibleSchemaException refused = assertThrows(IncompatibleSchemaException.class,
                () -> Genstore.open(storageOnTheSameDatabase()));
        assertTrue(refused.getMessage().contains("newer genstore"), refused.getMessage());
        assertTrue(refused.getMessage().contains("upgrade genstore"), refused.getMessage());

        assertEquals(rows, historyRows(), "the refused open wrote to the history table");
        assertEquals(1, userRows(), "the refused open changed the data");
    }
}
