package dev.genstore.internal;

import dev.genstore.blobs.BlobInfo;
import dev.genstore.paging.Page;
import dev.genstore.paging.PageRequest;
import dev.genstore.spi.Repositories;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one protocol for blobs that belong to rows (images and their variants, cache entries, prompt thumbnails,
 * imported blobs), so that rows and blobs never disagree in a way a reader can see:
 * <ul>
 *   <li>a blob is written <em>before</em> the transaction of its row; if the row does not commit (the work throws,
 *   an {@link Error} included, or the transaction never starts, or it rolls back later with an enclosing
 *   transaction), the blob is deleted again, once;</li>
 *   <li>a blob whose row is deleted is deleted only <em>after</em> the commit that dropped the row, so a rolled-back
 *   delete keeps both.</li>
 * </ul>
 * When blobs live in the database ({@link ServiceContext#blobsInDatabase()}) both simply happen in the transaction of
 * the rows. What a crash between the two steps can leave is only ever a blob without a row, which the sweep and
 * {@code verify()} find. Deletes after commit and after rollback are quiet: a failure is logged, not thrown (the
 * transaction's outcome is already decided).
 */
public final class RowBlobs {
    private static final Logger LOG = LoggerFactory.getLogger(RowBlobs.class);
    private static final int PAGE = 500;

    /** A blob to be written with its row. */
    public record Blob(String key, byte[] content, String contentType) {
    }

    private final ServiceContext context;
    private final String what;

    /** {@code what} names the blobs in log lines ("image", "cache", …). */
    public RowBlobs(ServiceContext context, String what) {
        this.context = context;
        this.what = what;
    }

    /**
     * Writes {@code blobs}, then runs {@code rows} in one write transaction (joining the calling thread's, when there is
     * one) and returns its result. Outside the database, the blobs are put first, in order; a put that fails deletes
     * those already written; once the transaction has begun, its final rollback deletes them (registered once, however
     * often the transaction is retried); a failure before it began deletes them at once. In the database, the blobs
     * are written with {@code createdAt} at the start of each attempt of the transaction.
     */
    public <T> T putThenRow(List<Blob> blobs, Instant createdAt, Function<Repositories, T> rows) {
        if (context.blobsInDatabase()) {
            return context.storage().write(r -> {
                for (Blob blob : blobs) {
                    r.blobs().put(blob.key(), blob.contentType(), blob.content(), createdAt);
                }
                return rows.apply(r);
            });
        }
        List<String> written = new ArrayList<>();
        try {
            for (Blob blob : blobs) {
                context.blobs().put(blob.key(), blob.content(), blob.contentType());
                written.add(blob.key());
            }
        } catch (RuntimeException | Error e) {
            deleteNow(written);
            throw e;
        }
        AtomicBoolean entered = new AtomicBoolean();
        try {
            return context.storage().write(r -> {
                // Rollback actions of every attempt run at the final rollback: registering on the first is enough.
                if (entered.compareAndSet(false, true) && !written.isEmpty()) {
                    context.storage().afterRollback(() -> deleteNow(written));
                }
                return rows.apply(r);
            });
        } catch (RuntimeException | Error e) {
            if (!entered.get()) {
                deleteNow(written); // the transaction never began, so no rollback action was registered
            }
            throw e;
        }
    }

    /**
     * Puts a blob as part of the calling thread's write transaction, for work that cannot write its blobs first (an
     * import streams them after its rows): in the database it joins the transaction; elsewhere it is written now and
     * deleted again if the transaction finally rolls back.
     */
    public void putInTransaction(String key, byte[] content, String contentType) {
        if (!context.blobsInDatabase()) {
            context.storage().afterRollback(() -> deleteNow(List.of(key)));
        }
        context.blobs().put(key, content, contentType);
    }

    /**
     * Deletes {@code keys}, whose rows the transaction of {@code r} has dropped: in that transaction when blobs live in
     * the database, else once it commits (never if it rolls back).
     */
    public void deleteAfterCommit(Repositories r, Collection<String> keys) {
        if (context.blobsInDatabase()) {
            keys.forEach(key -> r.blobs().delete(key));
        } else if (!keys.isEmpty()) {
            List<String> dropped = List.copyOf(keys);
            context.storage().afterCommit(() -> deleteNow(dropped));
        }
    }

    /** Like {@link #deleteAfterCommit} for every blob under {@code prefix} (a deleted owner's). */
    public void deleteAllUnderAfterCommit(Repositories r, String prefix) {
        if (context.blobsInDatabase()) {
            List<BlobInfo> rest;
            do {
                rest = r.blobs().listAfter(prefix, null, PAGE);
                rest.forEach(info -> r.blobs().delete(info.key()));
            } while (!rest.isEmpty());
        } else {
            context.storage().afterCommit(() -> deleteAllUnderNow(prefix));
        }
    }

    /** Deletes {@code keys} from the blob store now, logging (not throwing) a failure: a sweep finds what is left. */
    public void deleteNow(Collection<String> keys) {
        for (String key : keys) {
            try {
                context.blobs().delete(key);
            } catch (RuntimeException e) {
                LOG.warn("could not delete {} blob {} (a sweep or verify() will find it): {}", what, key, e.toString());
            }
        }
    }

    private void deleteAllUnderNow(String prefix) {
        try {
            Page<BlobInfo> page;
            do {
                page = context.blobs().list(prefix, PageRequest.first(PAGE));
                page.items().forEach(info -> context.blobs().delete(info.key()));
            } while (page.hasNext());
        } catch (RuntimeException e) {
            LOG.warn("could not delete the {} blobs under {} (a sweep or verify() will find them): {}", what, prefix,
                    e.toString());
        }
    }
}
