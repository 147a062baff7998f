package dev.genstore.spi;

import java.util.List;

/**
 * One table of genstore's schema as every backend holds it: its data columns (derived ones, such as a full-text
 * index, are left out and rebuilt by the backend), and the columns that identify a row.
 *
 * @param name    the table's name
 * @param columns its columns, in a fixed order; rows are lists of values in this order
 * @param key     the names of the columns that identify a row (the primary key, or a unique key where the primary
 *                key is derived); rows are scanned in ascending key order
 * @param seeded  true when migrations insert its rows (e.g. the single counters row): such a table is not "empty"
 *                when it holds them, and rows written into it replace those with the same key
 */
public record TableSpec(String name, List<ColumnSpec> columns, List<String> key, boolean seeded) {
    public TableSpec {
        columns = List.copyOf(columns);
        key = List.copyOf(key);
    }

    /** The columns' names in order. */
    public List<String> columnNames() {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    /** The position of column {@code name} in a row. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("table " + this.name + " has no column " + name);
    }
}
