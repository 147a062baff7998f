package dev.genstore.spi;

/**
 * One column of a {@link TableSpec}.
 *
 * @param name the column's name, lower case, as every backend spells it
 * @param type how its values travel
 */
public record ColumnSpec(String name, LogicalType type) {
}
