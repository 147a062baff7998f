package dev.genstore.benchmarks.workloads;

import dev.genstore.benchmarks.backend.Backend;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Queued jobs written with plain JDBC batches, row for row as genstore's {@code submit} writes a job that costs no
 * tokens (so no hold): status QUEUED, attempts 0 of 3, runnable now, no lease, no configuration, no idempotency key.
 */
final class QueueJobs {
    static final String PROVIDER = "openai";
    static final String MODEL = "gpt-image-1";
    static final String PARAMETERS = "{\"size\":\"1024x1024\",\"quality\":\"high\",\"n\":1,\"style\":\"photographic\"}";
    private static final String PROMPT = "a lighthouse on a cliff in a storm, oil painting, dramatic light";

    private QueueJobs() {
    }

    /** Adds {@code count} queued jobs of {@code owners} (round robin) to {@code database}, runnable from a second ago. */
    static void add(Backend backend, Statements sql, String database, UUID[] owners, Ids ids, int count)
            throws SQLException {
        try (Connection c = backend.connect(database)) {
            if (backend.name().equals("sqlite")) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA busy_timeout = 30000");
                }
            }
            c.setAutoCommit(false);
            Instant created = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MICROS);
            try (PreparedStatement insert = c.prepareStatement(sql.insertJob)) {
                for (int i = 0; i < count; i++) {
                    UUID id = ids.next();
                    sql.uuid(insert, 1, id);
                    sql.uuid(insert, 2, owners[i % owners.length]);
                    sql.uuid(insert, 3, null);
                    insert.setString(4, PROMPT + " #" + i);
                    insert.setString(5, PARAMETERS);
                    insert.setString(6, PROVIDER);
                    insert.setString(7, MODEL);
                    insert.setLong(8, 0);
                    insert.setInt(9, 0);
                    insert.setString(10, "QUEUED");
                    insert.setInt(11, 1);
                    insert.setInt(12, 0);
                    insert.setInt(13, 0);
                    insert.setInt(14, 0);
                    insert.setInt(15, 3);
                    sql.instant(insert, 16, created);
                    insert.setString(17, null);
                    sql.instant(insert, 18, null);
                    insert.setString(19, null);
                    insert.setString(20, null);
                    sql.uuid(insert, 21, null);
                    sql.instant(insert, 22, created);
                    sql.instant(insert, 23, null);
                    sql.instant(insert, 24, null);
                    insert.addBatch();
                    if ((i + 1) % 1_000 == 0 || i == count - 1) {
                        insert.executeBatch();
                    }
                }
            }
            c.commit();
        }
    }

    /** How many jobs of {@code database} have {@code status}. */
    static long count(Backend backend, String database, String status) throws SQLException {
        try (Connection c = backend.connect(database);
             PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM jobs WHERE status = ?")) {
            select.setString(1, status);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
