package dev.genstore.memory.internal;

import dev.genstore.jdbc.Housekeeping;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * H2: foreign keys checked by query (H2 has no integrity check of its own to run); {@code ANALYZE}. The size stays
 * unknown (-1): H2's {@code DB_OBJECT_TOTAL_SIZE} and {@code DISK_SPACE_USED} answer 0 for an in-memory database.
 */
final class H2Housekeeping implements Housekeeping {
    @Override
    public List<String> maintain(Connection connection, List<String> tables) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("ANALYZE");
        }
        return List.of("analyze");
    }
}
