/**
 * genstore's entry point: {@link dev.genstore.Genstore}, opened with a builder over a storage backend.
 */
package dev.genstore;
