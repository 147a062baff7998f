package dev.genstore.jdbc;

import java.util.List;
import java.util.Map;

/**
 * What a dialect writes for each placeholder of a shared migration (see {@link Dialect#schemaPlaceholders()}): the
 * database's name for each logical column type, and the options that follow a {@code CREATE TABLE}.
 *
 * @param uuid         an id column
 * @param text         unbounded text (lengths are checked by the services, never by the column)
 * @param keyText      text that orders byte by byte (blob keys, which listings page through by key range)
 * @param instant      an instant, microsecond precision
 * @param json         a JSON document kept exactly as written
 * @param bytes        binary content
 * @param integer      a 32-bit integer
 * @param bigint       a 64-bit integer
 * @param doublePrecision a double
 * @param tableOptions written after the closing parenthesis of {@code CREATE TABLE}; empty where there are none
 */
public record SchemaPlaceholders(String uuid, String text, String keyText, String instant, String json, String bytes,
                                 String integer, String bigint, String doublePrecision, String tableOptions) {
    /** The placeholder names, as a shared migration writes them inside {@code ${…}}. */
    public static final List<String> KEYS = List.of("uuid", "text", "key_text", "instant", "json", "bytes", "integer",
            "bigint", "double", "table_options");

    /** The placeholders as Flyway takes them: name to replacement. */
    public Map<String, String> asMap() {
        return Map.of("uuid", uuid, "text", text, "key_text", keyText, "instant", instant, "json", json, "bytes", bytes,
                "integer", integer, "bigint", bigint, "double", doublePrecision, "table_options", tableOptions);
    }
}
