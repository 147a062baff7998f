package dev.genstore.sqlite;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@link SqliteBackup#backup} wrote.
 *
 * @param directory     the backup directory
 * @param databaseBytes the size of the database copy
 * @param blobs         the number of blob files copied (content-type sidecars not counted)
 * @param blobBytes     their total size
 * @param took          how long it took
 */
public record BackupReport(Path directory, long databaseBytes, long blobs, long blobBytes, Duration took) {
}
