package dev.genstore.transfer;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an export, import or copy carried.
 *
 * @param rowsPerTable the rows of each table, in the order they were carried (parents first)
 * @param blobs        the blobs carried
 * @param blobBytes    their total size
 * @param took         how long it took
 */
public record TransferReport(Map<String, Long> rowsPerTable, long blobs, long blobBytes, Duration took) {
    public TransferReport {
        rowsPerTable = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerTable));
    }

    /** The rows of every table together. */
    public long rows() {
        return rowsPerTable.values().stream().mapToLong(Long::longValue).sum();
    }
}
