/** The SQLite dialect. Not API. */
package dev.genstore.sqlite.internal;
