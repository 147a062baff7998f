package dev.genstore.internal.transfer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genstore.spi.ColumnSpec;
import dev.genstore.spi.TableSpec;
import dev.genstore.transfer.TransferException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Rows as JSON Lines, the same bytes whatever backend they came from: one object per row with the columns in catalog
 * order; UUIDs and instants (ISO-8601, UTC) as strings, bytes as Base64, JSON columns as strings holding their text
 * verbatim (parsing would rewrite numbers), numbers as numbers.
 */
final class RowCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private RowCodec() {
    }

    /** The row as one line of UTF-8 JSON, without the line break. */
    static byte[] encode(TableSpec table, List<Object> row) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            for (int i = 0; i < table.columns().size(); i++) {
                ColumnSpec column = table.columns().get(i);
                Object value = row.get(i);
                json.writeFieldName(column.name());
                if (value == null) {
                    json.writeNull();
                    continue;
                }
                switch (column.type()) {
                    case UUID, INSTANT -> json.writeString(value.toString());
                    case LONG -> json.writeNumber((Long) value);
                    case INT -> json.writeNumber((Integer) value);
                    case DOUBLE -> json.writeNumber((Double) value);
                    case TEXT, JSON -> json.writeString((String) value);
                    case BYTES -> json.writeBinary((byte[]) value);
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The row of one line.
     *
     * @throws TransferException (UNREADABLE) when the line is not a row of the table
     */
    static List<Object> decode(TableSpec table, String line, long lineNumber) {
        try {
            JsonNode node = MAPPER.readTree(line);
            if (node == null || !node.isObject() || node.size() != table.columns().size()) {
                throw new IllegalArgumentException("not an object with the table's " + table.columns().size() + " columns");
            }
            List<Object> row = new ArrayList<>(table.columns().size());
            for (ColumnSpec column : table.columns()) {
                JsonNode value = node.get(column.name());
                if (value == null) {
                    throw new IllegalArgumentException("no column " + column.name());
                }
                row.add(value.isNull() ? null : value(column, value));
            }
            return row;
        } catch (IOException | RuntimeException e) {
            throw new TransferException(TransferException.Reason.UNREADABLE, "line " + lineNumber + " of table "
                    + table.name() + " is not a row of it: " + e.getMessage(), e);
        }
    }

    private static Object value(ColumnSpec column, JsonNode value) throws IOException {
        return switch (column.type()) {
            case UUID -> UUID.fromString(text(column, value));
            case INSTANT -> Instant.parse(text(column, value));
            case LONG -> {
                require(column, value.canConvertToLong() && value.isIntegralNumber());
                yield value.longValue();
            }
            case INT -> {
                require(column, value.canConvertToInt() && value.isIntegralNumber());
                yield value.intValue();
            }
            case DOUBLE -> {
                require(column, value.isNumber());
                yield value.doubleValue();
            }
            case TEXT, JSON -> text(column, value);
            case BYTES -> {
                require(column, value.isTextual());
                yield value.binaryValue();
            }
        };
    }

    private static String text(ColumnSpec column, JsonNode value) {
        require(column, value.isTextual());
        return value.textValue();
    }

    private static void require(ColumnSpec column, boolean ok) {
        if (!ok) {
            throw new IllegalArgumentException("column " + column.name() + " does not hold a " + column.type());
        }
    }

    /** A new SHA-256 digest. */
    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String sha256Hex(byte[] content) {
        return hex(sha256().digest(content));
    }

    /**
     * A digest of a set of rows that does not depend on their order (backends order text keys by their own collations):
     * the XOR of each encoded row's SHA-256. Rows are unique by key, so equal sets, and only those in practice, agree.
     */
    static final class RowSetDigest {
        private final byte[] sum = new byte[32];
        private final MessageDigest digest = sha256();

        void add(byte[] encodedRow) {
            byte[] hash = digest.digest(encodedRow);
            for (int i = 0; i < sum.length; i++) {
                sum[i] ^= hash[i];
            }
        }

        String hex() {
            return RowCodec.hex(sum);
        }
    }
}
