package dev.genstore.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The medians of one workload on one backend.
 *
 * @param labels fields printed after {@code backend=} that say what was measured (e.g. {@code peer=db-scheduler})
 * @param fields fields printed after {@code ratio=} (e.g. latency percentiles)
 */
public record Result(String workload, String backend, Map<String, String> labels, double genstoreOpsPerSecond,
                     double baselineOpsPerSecond, Map<String, String> fields) {

    public Result {
        labels = new LinkedHashMap<>(labels);
        fields = new LinkedHashMap<>(fields);
    }

    public Result(String workload, String backend, double genstoreOpsPerSecond, double baselineOpsPerSecond) {
        this(workload, backend, Map.of(), genstoreOpsPerSecond, baselineOpsPerSecond, Map.of());
    }

    public double ratio() {
        return genstoreOpsPerSecond / baselineOpsPerSecond;
    }

    /** This result under another workload name (a workload that measures several sizes names each). */
    public Result named(String name) {
        return new Result(name, backend, labels, genstoreOpsPerSecond, baselineOpsPerSecond, fields);
    }

    /** This result with one more label (printed after {@code backend=}). */
    public Result label(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(labels);
        more.put(name, value);
        return new Result(workload, backend, more, genstoreOpsPerSecond, baselineOpsPerSecond, fields);
    }

    /** This result with one more field (printed after {@code ratio=}). */
    public Result field(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(fields);
        more.put(name, value);
        return new Result(workload, backend, labels, genstoreOpsPerSecond, baselineOpsPerSecond, more);
    }

    /** The one line {@code benchmarks/run} prints per workload and backend; scripts read it. */
    public String line() {
        StringBuilder line = new StringBuilder("RESULT workload=").append(workload).append(" backend=").append(backend);
        labels.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        line.append(String.format(Locale.ROOT, " genstore=%d baseline=%d ratio=%.3f", Math.round(genstoreOpsPerSecond),
                Math.round(baselineOpsPerSecond), ratio()));
        fields.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        return line.toString();
    }
}
