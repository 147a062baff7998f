package dev.genstore.benchmarks.workloads;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The job JobRunr runs in the queue comparison ({@link JobRunrPeer}): what a worker does with a job's parameters before
 * the (here absent) generation call. Public, as JobRunr calls it by reflection from its own package.
 */
public final class JobRunrJob {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };
    /** Jobs run so far, and when the first of a round started (nanoTime, 0 until then). */
    static final AtomicLong RUN = new AtomicLong();
    static final AtomicLong FIRST = new AtomicLong();

    private JobRunrJob() {
    }

    public static void generate(String parameters) {
        FIRST.compareAndSet(0, System.nanoTime());
        try {
            JSON.readValue(parameters, MAP);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        RUN.incrementAndGet();
    }
}
