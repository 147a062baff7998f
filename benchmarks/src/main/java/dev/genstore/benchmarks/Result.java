package dev.genstore.benchmarks;

import java.util.Locale;

/** The medians of one workload on one backend. */
public record Result(String workload, String backend, double genstoreOpsPerSecond, double baselineOpsPerSecond) {

    public double ratio() {
        return genstoreOpsPerSecond / baselineOpsPerSecond;
    }

    /** The one line {@code benchmarks/run} prints per workload and backend; scripts read it. */
    public String line() {
        return String.format(Locale.ROOT, "RESULT workload=%s backend=%s genstore=%d baseline=%d ratio=%.3f",
                workload, backend, Math.round(genstoreOpsPerSecond), Math.round(baselineOpsPerSecond), ratio());
    }
}
