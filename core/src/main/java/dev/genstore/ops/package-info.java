/**
 * Operating a store: the whole-store integrity check, database maintenance, size monitoring and the purge of what
 * has expired or is no longer referenced. Obtained from {@code Genstore#operations()}.
 */
package dev.genstore.ops;
