package dev.genstore.sqlite;

import dev.genstore.contract.QueueProcessContract;
import dev.genstore.contract.QueueProcessWorker;
import dev.genstore.spi.Storage;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteQueueProcessTest extends QueueProcessContract {
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
