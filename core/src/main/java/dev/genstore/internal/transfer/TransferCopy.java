package dev.genstore.internal.transfer;

import dev.genstore.errors.InvalidInputException;
import dev.genstore.internal.Validate;
import dev.genstore.ledger.LedgerDiscrepancy;
import dev.genstore.spi.TableCatalog;
import dev.genstore.spi.TableSpec;
import dev.genstore.transfer.TransferException.Reason;
import dev.genstore.transfer.TransferException;
import dev.genstore.transfer.TransferListener;
import dev.genstore.transfer.TransferReport;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copy from one open store into another, page by page and blob by blob (a rerun skips blobs already there), then a
 * verification: row counts and row-set digests per table, the target's ledger, every blob's SHA-256 on both sides.
 */
final class TransferCopy {
    private TransferCopy() {
    }

    /** Copies {@code source} into {@code target}, then verifies the target against the source. */
    static TransferReport copy(TransferStore source, TransferStore target, TransferListener listener) {
        Validate.notNull("target", target);
        Validate.notNull("listener", listener);
        if (target == source || target.storage() == source.storage()) {
            throw new InvalidInputException("target", "is this store; copy into another one");
        }
        Instant started = Instant.now();
        String version = source.schemaVersion();
        String targetVersion = target.schemaVersion();
        if (!version.equals(targetVersion)) {
            throw new TransferException(Reason.SCHEMA_MISMATCH, "the source has schema version " + version
                    + " but the target has " + targetVersion + "; open both with the same genstore");
        }
        Map<String, Long> rows = new LinkedHashMap<>();
        for (TableSpec table : TransferStore.tables()) {
            long total = source.storage().read(r -> r.tables().count(table));
            long[] done = {0};
            source.scan(table, page -> {
                target.storage().write(r -> {
                    r.tables().upsert(table, page);
                    return null;
                });
                done[0] += page.size();
                listener.progress(table.name(), done[0], total);
            });
            rows.put(table.name(), done[0]);
        }
        long[] blobs = {0, 0};
        source.eachBlob(info -> {
            // A blob put is atomic, so one already there with the same size is the same blob from an earlier run;
            // the verification below compares every checksum anyway.
            boolean present = target.blobs().info(info.key()).map(b -> b.size() == info.size()).orElse(false);
            if (!present) {
                target.blobs().put(info.key(), source.blobs().getBytes(info.key()), info.contentType());
            }
            blobs[0]++;
            blobs[1] += info.size();
            listener.progress(TableCatalog.BLOBS, blobs[0], -1);
        });
        verifyCopy(source, target);
        return new TransferReport(rows, blobs[0], blobs[1], Duration.between(started, Instant.now()));
    }

    /** Counts and row-set digests per table, the target's ledger, and every blob's SHA-256 on both sides. */
    private static void verifyCopy(TransferStore source, TransferStore target) {
        for (TableSpec table : TransferStore.tables()) {
            RowCodec.RowSetDigest mine = source.digest(table);
            RowCodec.RowSetDigest theirs = target.digest(table);
            long count = source.storage().read(r -> r.tables().count(table));
            long targetCount = target.storage().read(r -> r.tables().count(table));
            if (count != targetCount) {
                throw new TransferException(Reason.COUNT_MISMATCH, "table " + table.name() + " has " + count
                        + " rows in the source but " + targetCount + " in the target (was the target empty?)");
            }
            if (!mine.hex().equals(theirs.hex())) {
                throw new TransferException(Reason.CHECKSUM_MISMATCH, "table " + table.name()
                        + " holds other rows in the target than in the source (was the target empty, or the source"
                        + " changed during the copy?); run the copy again into a new store");
            }
        }
        List<LedgerDiscrepancy> discrepancies = target.ledger().verify();
        if (!discrepancies.isEmpty()) {
            throw new TransferException(Reason.VERIFICATION_FAILED, "the target's ledger does not add up after the copy: "
                    + discrepancies);
        }
        long[] count = {0};
        source.eachBlob(info -> {
            count[0]++;
            String sha = RowCodec.sha256Hex(source.blobs().getBytes(info.key()));
            String targetSha = target.blobs().exists(info.key())
                    ? RowCodec.sha256Hex(target.blobs().getBytes(info.key())) : "missing";
            if (!sha.equals(targetSha)) {
                throw new TransferException(Reason.CHECKSUM_MISMATCH, "blob " + info.key() + " has SHA-256 " + sha
                        + " in the source but " + targetSha + " in the target");
            }
        });
        long[] targetCount = {0};
        target.eachBlob(info -> targetCount[0]++);
        if (targetCount[0] != count[0]) {
            throw new TransferException(Reason.COUNT_MISMATCH, "the source has " + count[0] + " blobs but the target "
                    + targetCount[0] + " (was the target empty?)");
        }
    }

}
