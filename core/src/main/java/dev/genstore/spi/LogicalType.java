package dev.genstore.spi;

/**
 * How a column's value travels between backends, whatever each one stores: the Java type a {@link TableRepository}
 * reads and writes for it.
 */
public enum LogicalType {
    /** A {@link java.util.UUID} (SQLite: canonical text; PostgreSQL and H2: native uuid). */
    UUID,
    /** An {@link java.time.Instant} at microsecond precision (SQLite: epoch micros; PostgreSQL and H2: timestamptz). */
    INSTANT,
    /** A {@link Long}. */
    LONG,
    /** An {@link Integer}. */
    INT,
    /** A {@link Double}, always finite. */
    DOUBLE,
    /** A {@link String}. */
    TEXT,
    /** A {@link String} of JSON, kept verbatim (PostgreSQL: {@code json}, elsewhere text). */
    JSON,
    /** A {@code byte[]}. */
    BYTES
}
