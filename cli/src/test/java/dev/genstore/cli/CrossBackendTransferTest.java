package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.genstore.Genstore;
import dev.genstore.contract.MutableClock;
import dev.genstore.contract.TransferFixtures;
import dev.genstore.memory.MemoryStorage;
import dev.genstore.postgres.TestPostgres;
import dev.genstore.spi.Storage;
import dev.genstore.sqlite.SqliteStorage;
import dev.genstore.transfer.TransferListener;
import dev.genstore.transfer.TransferReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Moving an application between backends: copy SQLite → PostgreSQL and PostgreSQL → SQLite with data in every area,
 * interrupted half-way and run again; and an export of one imported into the other. Through the API, which the cli's
 * {@code copy}, {@code export} and {@code import} call; here, not in storage-postgres, so that no backend module needs
 * another (the reactor builds and tests storage-sqlite and storage-postgres side by side).
 */
class CrossBackendTransferTest {
    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-09T14:15:16.123456789Z"), ZoneId.of("America/Sao_Paulo"));
    private final List<Genstore> stores = new ArrayList<>();

    private Genstore open(Storage storage) {
        Genstore store = Genstore.builder().storage(storage).clock(clock).build();
        stores.add(store);
        return store;
    }

    private Genstore sqlite(String name) {
        return open(SqliteStorage.file(dir.resolve(name + ".db")));
    }

    private Genstore postgres() {
        return open(TestPostgres.freshStorage());
    }

    @AfterEach
    void close() {
        stores.forEach(Genstore::close);
    }

    /** Copy, export and import compare schema versions: a migration on one backend only would refuse every transfer. */
    @Test
    void everyBackendReachesTheSameSchemaVersion() {
        String sqlite = sqlite("versions").operations().schemaVersion().orElseThrow();
        assertEquals(sqlite, postgres().operations().schemaVersion().orElseThrow());
        assertEquals(sqlite, open(MemoryStorage.create()).operations().schemaVersion().orElseThrow());
        Genstore memory = open(MemoryStorage.create());
        TransferFixtures.Filled filled = TransferFixtures.fill(memory, clock);
        Genstore target = sqlite("from-memory");
        memory.copyTo(target, TransferListener.none());
        TransferFixtures.assertLooksFilled(target, filled);
    }

    @Test
    void sqliteToPostgresInterruptedThenRunAgain() {
        copyInterruptedThenRunAgain(sqlite("source"), postgres());
    }

    @Test
    void postgresToSqliteInterruptedThenRunAgain() {
        copyInterruptedThenRunAgain(postgres(), sqlite("target"));
    }

    private void copyInterruptedThenRunAgain(Genstore source, Genstore target) {
        TransferFixtures.Filled filled = TransferFixtures.fill(source, clock);
        IllegalStateException stopped = assertThrows(IllegalStateException.class, () -> source.copyTo(target,
                (table, done, total) -> {
                    if (table.equals("prompts")) {
                        throw new IllegalStateException("interrupted");
                    }
                }));
        assertEquals("interrupted", stopped.getMessage());

        TransferReport report = source.copyTo(target, TransferListener.none());
        assertEquals(2L, report.rowsPerTable().get("users"));
        TransferFixtures.assertLooksFilled(target, filled);
        assertEquals(TransferFixtures.contents(source, dir), TransferFixtures.contents(target, dir));
    }

    @Test
    void anExportOfSqliteImportsIntoPostgresAndBack() {
        Genstore sqlite = sqlite("source");
        TransferFixtures.Filled filled = TransferFixtures.fill(sqlite, clock);
        sqlite.exportTo(dir.resolve("from-sqlite"), TransferListener.none());
        Genstore postgres = postgres();
        postgres.importFrom(dir.resolve("from-sqlite"), TransferListener.none());
        TransferFixtures.assertLooksFilled(postgres, filled);

        postgres.exportTo(dir.resolve("from-postgres"), TransferListener.none());
        Genstore back = sqlite("back");
        back.importFrom(dir.resolve("from-postgres"), TransferListener.none());
        TransferFixtures.assertLooksFilled(back, filled);
        assertEquals(TransferFixtures.contents(sqlite, dir), TransferFixtures.contents(back, dir));
        assertEquals(TransferFixtures.contents(sqlite, dir), TransferFixtures.contents(postgres, dir));
    }
}
