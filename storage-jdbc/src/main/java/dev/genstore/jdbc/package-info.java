/**
 * The SQL storage: {@link dev.genstore.jdbc.JdbcStorage} and the {@link dev.genstore.jdbc.Dialect} seam that the
 * backend modules (SQLite, PostgreSQL, memory) implement.
 */
package dev.genstore.jdbc;
