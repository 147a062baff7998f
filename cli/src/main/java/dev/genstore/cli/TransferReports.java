package dev.genstore.cli;

import dev.genstore.transfer.TransferReport;
import java.time.Duration;
import java.util.LinkedHashMap;

/** What export, import and copy print about a {@link TransferReport}. */
final class TransferReports {
    private TransferReports() {
    }

    static Report put(Report report, TransferReport transfer) {
        return report.put("rows", transfer.rows())
                .put("blobs", transfer.blobs())
                .put("blobBytes", transfer.blobBytes())
                .put("took", Duration.ofMillis(transfer.took().toMillis()).toString())
                .put("tables", new LinkedHashMap<>(transfer.rowsPerTable()));
    }
}
