package dev.genstore.spring.boot;

import dev.genstore.Genstore;
import dev.genstore.ops.HousekeepingTask;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Actuator's {@code genstore} health: UP when the database answers a read and the schema version can be read; DOWN when
 * the database fails, or when the last {@code operations().verify()} this store ran found problems. Details: backend,
 * schema version, the last verification's problem count, and each housekeeping task's last run.
 */
public class GenstoreHealthIndicator extends AbstractHealthIndicator {
    private final Genstore genstore;

    /** A health indicator over {@code genstore}. */
    public GenstoreHealthIndicator(Genstore genstore) {
        super("genstore health check failed");
        this.genstore = genstore;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        genstore.queue().providerLimits(); // a read of one small table: the database answers
        builder.up().withDetail("backend", genstore.backend());
        genstore.operations().schemaVersion().ifPresent(version -> builder.withDetail("schemaVersion", version));
        genstore.operations().lastVerification().ifPresent(report -> {
            builder.withDetail("lastVerification", report.healthy() ? "passed" : report.problems().size() + " problem(s)");
            if (!report.healthy()) {
                builder.down();
            }
        });
        Map<String, Object> housekeeping = new LinkedHashMap<>();
        housekeeping.put("scheduled", genstore.housekeeping().scheduled());
        for (HousekeepingTask task : HousekeepingTask.values()) {
            genstore.housekeeping().lastRun(task).ifPresent(run -> housekeeping.put(task.name().toLowerCase(Locale.ROOT),
                    Map.of("at", run.startedAt().toString(), "ran", run.ran(), "summary", run.summary())));
        }
        builder.withDetail("housekeeping", housekeeping);
    }
}
