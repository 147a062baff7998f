/**
 * The blob store seam: {@link dev.genstore.blobs.BlobStore} keeps bytes under keys (a filesystem directory, memory, or
 * the database through the storage SPI); {@link dev.genstore.blobs.BlobKeys} makes keys of the form
 * {@code {prefix}/{userId}/{timestamp}-{sanitized-file-name}}; {@link dev.genstore.blobs.BlobUrlSigner} signs
 * expiring URLs for serving blobs over HTTP.
 */
package dev.genstore.blobs;
