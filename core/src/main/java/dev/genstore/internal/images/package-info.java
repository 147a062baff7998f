/**
 * Images: validation, writes through the status machine (blobs before rows, the job's counts), reads, deletion and the
 * blob sweep. Not API.
 */
package dev.genstore.internal.images;
