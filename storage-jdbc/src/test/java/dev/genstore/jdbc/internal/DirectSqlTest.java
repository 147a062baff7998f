package dev.genstore.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.genstore.jdbc.StatementCachingDataSource;
import java.lang.ref.WeakReference;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * DirectSql's kept statements, on real SQLite connections in a real HikariCP pool set up as the SQLite backend sets up
 * its own: a statement whose execution failed is never run again, and connections the pool closes or retires leave
 * nothing reachable (issue 11: the old JVM-wide cache kept every connection it had seen).
 */
class DirectSqlTest {
    private static final String SUM = "SELECT COALESCE(SUM(x), 0) FROM t WHERE p = ?";

    @TempDir
    Path dir;
    private int pools;

    private HikariDataSource pool(int size) {
        SQLiteDataSource sqlite = new SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + dir.resolve("direct-" + (++pools) + ".db"));
        HikariConfig config = new HikariConfig();
        config.setDataSource(StatementCachingDataSource.around(sqlite));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        return new HikariDataSource(config);
    }

    private static long sum(Handle handle, String p) {
        return DirectSql.one(handle, SUM, s -> s.setString(1, p), rs -> rs.getLong(1)).orElseThrow();
    }

    @Test
    void aStatementThatFailedInsideTheDatabaseIsNotRunAgain() {
        try (HikariDataSource pool = pool(1); Handle handle = Jdbi.create(pool).open()) {
            handle.execute("CREATE TABLE t (p TEXT, x INTEGER)");
            handle.execute("INSERT INTO t VALUES ('a', 9223372036854775807), ('a', 9223372036854775807), ('b', 1)");
            assertEquals(1, sum(handle, "b"));

            DirectSql.Failure overflow = assertThrows(DirectSql.Failure.class, () -> sum(handle, "a"));
            assertTrue(overflow.getMessage().contains("integer overflow"), overflow.getMessage());
            assertEquals(1, sum(handle, "b"), "the statement that overflowed was reused broken");

            assertThrows(IllegalStateException.class, () -> DirectSql.one(handle, SUM, s -> s.setString(1, "b"), rs -> {
                throw new IllegalStateException("the mapper failed");
            }));
            assertEquals(1, sum(handle, "b"));
            assertThrows(IllegalStateException.class, () -> DirectSql.one(handle, SUM, s -> {
                throw new IllegalStateException("the binder failed");
            }, rs -> rs.getLong(1)));
            assertEquals(1, sum(handle, "b"));
            handle.execute("CREATE TABLE u (k TEXT PRIMARY KEY)");
            String insert = "INSERT INTO u (k) VALUES (?)";
            assertEquals(1, DirectSql.update(handle, insert, s -> s.setString(1, "k1")));
            assertThrows(DirectSql.Failure.class, () -> DirectSql.update(handle, insert, s -> s.setString(1, "k1")));
            assertEquals(1, DirectSql.update(handle, insert, s -> s.setString(1, "k2")));
            assertEquals(Optional.of(2L), DirectSql.one(handle, "SELECT COUNT(*) FROM u WHERE k > ?",
                    s -> s.setString(1, ""), rs -> rs.getLong(1)));
        }
    }

    /** What a test keeps of a connection: weak references only, so that it does not keep the connection itself. */
    private record Traces(WeakReference<SQLiteConnection> physical, WeakReference<ConnectionStatements> statements) {
        boolean reachable() {
            return physical.get() != null || statements.get() != null;
        }
    }

    private static Traces use(Handle handle, String p) throws Exception {
        handle.execute("CREATE TABLE IF NOT EXISTS t (p TEXT, x INTEGER)");
        handle.execute("INSERT INTO t VALUES (?, 1)", p);
        assertTrue(sum(handle, p) >= 1);
        Connection connection = handle.getConnection();
        ConnectionStatements statements = connection.unwrap(ConnectionStatements.Owner.class).statements();
        assertEquals(1, statements.size(), "the statement was not kept");
        return new Traces(new WeakReference<>(connection.unwrap(SQLiteConnection.class)), new WeakReference<>(statements));
    }

    private static long reachableAfterGc(List<Traces> traces) throws InterruptedException {
        for (int round = 0; round < 20 && traces.stream().anyMatch(Traces::reachable); round++) {
            System.gc();
            Thread.sleep(20); // lets the collector's reference processing finish; not a timing assertion
        }
        return traces.stream().filter(Traces::reachable).count();
    }

    @Test
    void closedPoolsLeaveNoConnectionOrStatementReachable() throws Exception {
        List<Traces> traces = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            try (HikariDataSource pool = pool(2); Handle handle = Jdbi.create(pool).open()) {
                traces.add(use(handle, "p" + i));
            }
        }
        assertEquals(0, reachableAfterGc(traces), "connections of closed pools are still reachable");
    }

    /**
     * HikariCP retires a connection at {@code maxLifetime} (at least 30 s, so too slow for a test) through the same
     * path as a soft eviction, which the test uses: the retired connection must leave nothing reachable while the pool
     * lives on.
     */
    @Test
    void connectionsThePoolRetiresLeaveNothingReachable() throws Exception {
        List<Traces> traces = new ArrayList<>();
        try (HikariDataSource pool = pool(1)) {
            Jdbi jdbi = Jdbi.create(pool);
            for (int i = 0; i < 30; i++) {
                try (Handle handle = jdbi.open()) {
                    traces.add(use(handle, "p" + i));
                }
                pool.getHikariPoolMXBean().softEvictConnections();
            }
            assertEquals(0, reachableAfterGc(traces), "connections the pool retired are still reachable");
            try (Handle handle = jdbi.open()) {
                assertTrue(sum(handle, "p0") >= 1, "the pool does not work after retiring connections");
            }
        }
    }
}
