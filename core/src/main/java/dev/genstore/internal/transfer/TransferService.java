package dev.genstore.internal.transfer;

import dev.genstore.internal.ServiceContext;
import dev.genstore.internal.Validate;
import dev.genstore.ledger.Ledger;
import dev.genstore.transfer.TransferListener;
import dev.genstore.transfer.TransferReport;
import java.nio.file.Path;

/**
 * Export, import and copy over the table catalog and the blob stores, each its own workflow ({@link TransferExport},
 * {@link TransferImport}, {@link TransferCopy}) over this store ({@link TransferStore}). Rows move in pages; blobs go
 * from the source's blob store to the target's, whatever each one is (a directory, the database).
 */
public final class TransferService {
    private final TransferStore store;
    private final TransferExport export;
    private final TransferImport importer;

    public TransferService(ServiceContext context, Ledger ledger) {
        this.store = new TransferStore(context, ledger);
        this.export = new TransferExport(store);
        this.importer = new TransferImport(store);
    }

    public TransferReport exportTo(Path directory, TransferListener listener) {
        return export.exportTo(directory, listener);
    }

    public TransferReport importFrom(Path directory, TransferListener listener) {
        return importer.importFrom(directory, listener);
    }

    public TransferReport copyTo(TransferService target, TransferListener listener) {
        Validate.notNull("target", target);
        return TransferCopy.copy(store, target.store, listener);
    }
}
