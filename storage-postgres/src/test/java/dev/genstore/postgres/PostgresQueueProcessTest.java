package dev.genstore.postgres;

import dev.genstore.contract.QueueProcessContract;
import dev.genstore.contract.QueueProcessWorker;
import dev.genstore.spi.Storage;

class PostgresQueueProcessTest extends QueueProcessContract {
    @Override
    protected String newDatabase() {
        return TestPostgres.freshSchemaUrl();
    }

    @Override
    protected Storage storage(String database) {
        return PostgresStorage.of(database);
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
            QueueProcessWorker.main(args, database -> PostgresStorage.of(database).poolSize(2));
        }
    }
}
