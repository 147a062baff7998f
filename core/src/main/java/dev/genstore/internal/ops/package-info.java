/**
 * Store operations (verify, maintenance, sizes, purge), scheduled housekeeping, and the monitor that times each public
 * call. Not API.
 */
package dev.genstore.internal.ops;
