package dev.genstore.internal.transfer;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.blobs.BlobStore;
import dev.genstore.internal.GenstoreBlobs;
import dev.genstore.internal.ServiceContext;
import dev.genstore.ledger.Ledger;
import dev.genstore.spi.Storage;
import dev.genstore.spi.TableCatalog;
import dev.genstore.spi.TableSpec;
import java.util.List;
import java.util.function.Consumer;

/**
 * One store as export, import and copy see it: its tables read in pages of {@value #PAGE} rows in key order, its
 * genstore blobs, its schema version and its ledger (checked after an import or a copy).
 */
final class TransferStore {
    static final int PAGE = 500;

    private final ServiceContext context;
    private final Ledger ledger;

    TransferStore(ServiceContext context, Ledger ledger) {
        this.context = context;
        this.ledger = ledger;
    }

    /** The tables carried as rows: all but the database's blob table, whose content goes through the blob stores. */
    static List<TableSpec> tables() {
        return TableCatalog.tables().stream().filter(t -> !t.name().equals(TableCatalog.BLOBS)).toList();
    }

    ServiceContext context() {
        return context;
    }

    Storage storage() {
        return context.storage();
    }

    BlobStore blobs() {
        return context.blobs();
    }

    Ledger ledger() {
        return ledger;
    }

    String schemaVersion() {
        return storage().read(r -> r.tables().schemaVersion());
    }

    /** Hands every row of {@code table} to {@code pages}, page by page in key order, each page read in a transaction. */
    void scan(TableSpec table, Consumer<List<List<Object>>> pages) {
        List<Object> after = null;
        while (true) {
            List<Object> last = after;
            List<List<Object>> page = storage().read(r -> r.tables().scan(table, last, PAGE));
            if (page.isEmpty()) {
                return;
            }
            pages.accept(page);
            if (page.size() < PAGE) {
                return;
            }
            List<Object> lastRow = page.get(page.size() - 1);
            after = table.key().stream().map(k -> lastRow.get(table.indexOf(k))).toList();
        }
    }

    /**
     * Every blob of this store that is genstore's ({@link GenstoreBlobs}): an application's own blobs in the same blob
     * store are neither exported nor copied.
     */
    void eachBlob(Consumer<BlobInfo> action) {
        GenstoreBlobs.forEach(storage(), blobs(), action);
    }

    /** The order-independent digest of every row of {@code table}. */
    RowCodec.RowSetDigest digest(TableSpec table) {
        RowCodec.RowSetDigest digest = new RowCodec.RowSetDigest();
        scan(table, page -> page.forEach(row -> digest.add(RowCodec.encode(table, row))));
        return digest;
    }
}
