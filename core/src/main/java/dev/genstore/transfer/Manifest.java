package dev.genstore.transfer;

import java.time.Instant;
import java.util.List;

/**
 * The {@code manifest.json} of an export: what it holds and how to check it. Import reads it first and refuses an
 * export whose files do not match it before writing anything.
 *
 * @param format          the layout of the export, {@value #FORMAT} for this one
 * @param schemaVersion   the schema version of the store it came from (import requires the same)
 * @param genstoreVersion the genstore version that wrote it
 * @param backend         the backend it came from, e.g. {@code sqlite}
 * @param createdAt       when the export started
 * @param tables          one entry per table, parents first
 * @param blobs           the blobs
 */
public record Manifest(int format, String schemaVersion, String genstoreVersion, String backend, Instant createdAt,
                       List<TableEntry> tables, BlobsEntry blobs) {
    /** The layout version this genstore writes and reads. */
    public static final int FORMAT = 1;

    public Manifest {
        tables = List.copyOf(tables);
    }

    /**
     * One table's file.
     *
     * @param name   the table
     * @param file   its JSON Lines file, relative to the export directory
     * @param rows   its number of rows (lines)
     * @param sha256 the SHA-256 of the file's bytes, hex
     */
    public record TableEntry(String name, String file, long rows, String sha256) {
    }

    /**
     * The blobs: each one is a file under {@code directory} named by its key, listed in {@code index} (JSON Lines of
     * key, content type, size and SHA-256 of the content).
     *
     * @param directory   where the blob files are, relative to the export directory
     * @param index       the index file, relative to the export directory
     * @param count       the number of blobs
     * @param bytes       their total size
     * @param indexSha256 the SHA-256 of the index file's bytes, hex
     */
    public record BlobsEntry(String directory, String index, long count, long bytes, String indexSha256) {
    }
}
