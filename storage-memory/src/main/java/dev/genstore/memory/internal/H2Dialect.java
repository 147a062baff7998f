package dev.genstore.memory.internal;

import dev.genstore.jdbc.StandardDialect;
import java.sql.SQLException;

/** H2 2.x: native UUID and timestamp-with-time-zone types, MVStore row locks for {@code FOR UPDATE}. */
public final class H2Dialect extends StandardDialect {
    /** H2's "concurrent update in table" and lock timeout error codes. */
    private static final int CONCURRENT_UPDATE = 90131;
    private static final int LOCK_TIMEOUT = 50200;

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public String migrationLocation() {
        return "classpath:dev/genstore/memory/migration";
    }

    @Override
    public String microsBetween(String from, String to) {
        return "DATEDIFF(MICROSECOND, " + from + ", " + to + ")";
    }

    @Override
    public boolean isTransient(SQLException e) {
        return super.isTransient(e) || e.getErrorCode() == CONCURRENT_UPDATE || e.getErrorCode() == LOCK_TIMEOUT;
    }
}
