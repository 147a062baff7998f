package dev.genstore.jdbc.internal;

import dev.genstore.errors.StorageException;
import dev.genstore.jdbc.Dialect;
import dev.genstore.spi.ColumnSpec;
import dev.genstore.spi.LogicalType;
import dev.genstore.spi.TableRepository;
import dev.genstore.spi.TableSpec;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;

/** Rows of any catalog table through the dialect's conversions: one SQL implementation for every backend. */
final class JdbcTableRepository implements TableRepository {
    private final Handle handle;
    private final Dialect d;

    JdbcTableRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.d = dialect;
    }

    @Override
    public String schemaVersion() {
        // Quoted: Flyway creates its table with quoted lower-case names, which H2 would otherwise not find.
        return handle.createQuery("SELECT \"version\", \"success\" FROM \"" + Migrations.HISTORY_TABLE + "\" WHERE \"version\" IS NOT NULL")
                .map((rs, ctx) -> rs.getBoolean("success") ? rs.getString("version") : null)
                .list().stream()
                .filter(v -> v != null)
                .max(JdbcTableRepository::compareVersions)
                .orElse("0");
    }

    /** Flyway versions: dot-separated numbers, compared part by part. */
    static int compareVersions(String a, String b) {
        long[] x = Arrays.stream(a.split("[._]")).mapToLong(Long::parseLong).toArray();
        long[] y = Arrays.stream(b.split("[._]")).mapToLong(Long::parseLong).toArray();
        return Arrays.compare(x, y);
    }

    @Override
    public long count(TableSpec table) {
        return handle.createQuery("SELECT COUNT(*) FROM " + table.name()).mapTo(Long.class).one();
    }

    @Override
    public List<List<Object>> scan(TableSpec table, List<Object> afterKey, int limit) {
        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", table.columnNames()))
                .append(" FROM ").append(table.name());
        List<String> key = table.key();
        if (afterKey != null) {
            List<String> placeholders = new ArrayList<>();
            for (int i = 0; i < key.size(); i++) {
                placeholders.add(":k" + i);
            }
            sql.append(" WHERE (").append(String.join(", ", key)).append(") > (").append(String.join(", ", placeholders)).append(')');
        }
        sql.append(" ORDER BY ").append(String.join(", ", key)).append(" LIMIT :limit");
        Query query = handle.createQuery(sql.toString()).bind("limit", limit);
        if (afterKey != null) {
            for (int i = 0; i < key.size(); i++) {
                ColumnSpec column = table.columns().get(table.indexOf(key.get(i)));
                query.bind("k" + i, argument(column, afterKey.get(i)));
            }
        }
        return query.map((rs, ctx) -> {
            List<Object> row = new ArrayList<>(table.columns().size());
            for (ColumnSpec column : table.columns()) {
                row.add(read(rs, column));
            }
            return row;
        }).list();
    }

    @Override
    public void upsert(TableSpec table, List<List<Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            String placeholder = ":c" + i;
            values.add(table.columns().get(i).type() == LogicalType.JSON ? d.jsonParameter(placeholder) : placeholder);
        }
        PreparedBatch batch = handle.prepareBatch(d.upsert(table.name(), table.columnNames(), values, table.key()));
        for (List<Object> row : rows) {
            for (int i = 0; i < table.columns().size(); i++) {
                batch.bind("c" + i, argument(table.columns().get(i), row.get(i)));
            }
            batch.add();
        }
        batch.execute();
    }

    private Object read(ResultSet rs, ColumnSpec column) throws SQLException {
        String name = column.name();
        Object value = switch (column.type()) {
            case UUID -> d.uuid(rs, name);
            case INSTANT -> d.instant(rs, name);
            case LONG -> rs.getLong(name);
            case INT -> rs.getInt(name);
            case DOUBLE -> rs.getDouble(name);
            case TEXT, JSON -> rs.getString(name);
            case BYTES -> rs.getBytes(name);
        };
        return rs.wasNull() ? null : value;
    }

    private Argument argument(ColumnSpec column, Object value) {
        return switch (column.type()) {
            case UUID -> d.uuid((UUID) value);
            case INSTANT -> d.instant((Instant) value);
            case LONG -> (p, s, ctx) -> {
                if (value == null) {
                    s.setNull(p, Types.BIGINT);
                } else {
                    s.setLong(p, (Long) value);
                }
            };
            case INT -> (p, s, ctx) -> {
                if (value == null) {
                    s.setNull(p, Types.INTEGER);
                } else {
                    s.setInt(p, (Integer) value);
                }
            };
            case DOUBLE -> (p, s, ctx) -> {
                if (value == null) {
                    s.setNull(p, Types.DOUBLE);
                } else {
                    s.setDouble(p, (Double) value);
                }
            };
            case TEXT, JSON -> (p, s, ctx) -> {
                if (value == null) {
                    s.setNull(p, Types.VARCHAR);
                } else {
                    s.setString(p, (String) value);
                }
            };
            case BYTES -> (p, s, ctx) -> {
                if (value == null) {
                    s.setNull(p, Types.VARBINARY);
                } else {
                    s.setBytes(p, (byte[]) value);
                }
            };
        };
    }

    @Override
    public Set<String> tableNames() {
        Set<String> names = new TreeSet<>();
        try {
            Connection connection = handle.getConnection();
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
                while (rs.next()) {
                    names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot list tables: " + e.getMessage(), false, e);
        }
        names.remove(Migrations.HISTORY_TABLE);
        names.removeAll(d.derived());
        return names;
    }

    @Override
    public Set<String> columnNames(String table) {
        Set<String> names = new TreeSet<>();
        try {
            Connection connection = handle.getConnection();
            DatabaseMetaData meta = connection.getMetaData();
            try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), "%", "%")) {
                while (rs.next()) {
                    if (rs.getString("TABLE_NAME").equalsIgnoreCase(table)) {
                        String column = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
                        if (!d.derived().contains(table + "." + column)) {
                            names.add(column);
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot list the columns of " + table + ": " + e.getMessage(), false, e);
        }
        return names;
    }
}
