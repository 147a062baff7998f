/**
 * Moving a store's data: a logical export to a directory (rows as JSON Lines per table, blobs as files, a
 * {@link dev.genstore.transfer.Manifest} with counts and SHA-256 checksums), an import into an empty store of any
 * backend, and a verified copy from one store to another. The operations are methods of {@code Genstore}.
 */
package dev.genstore.transfer;
