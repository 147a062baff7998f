package dev.genstore.benchmarks;

import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.workloads.BackupWorkload;
import dev.genstore.benchmarks.workloads.BlobsWorkload;
import dev.genstore.benchmarks.workloads.BudgetWorkload;
import dev.genstore.benchmarks.workloads.CacheWorkload;
import dev.genstore.benchmarks.workloads.CopyWorkload;
import dev.genstore.benchmarks.workloads.GalleryWorkload;
import dev.genstore.benchmarks.workloads.LedgerWorkload;
import dev.genstore.benchmarks.workloads.MultiprocessWorkload;
import dev.genstore.benchmarks.workloads.PromptRecordWorkload;
import dev.genstore.benchmarks.workloads.PromptSearchWorkload;
import dev.genstore.benchmarks.workloads.QueueWorkload;
import dev.genstore.benchmarks.workloads.RecordImageWorkload;
import dev.genstore.benchmarks.workloads.ThumbnailWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code BenchmarkMain WORKLOAD [--backend sqlite|postgres|memory]}: runs the workload on one backend, or on all three,
 * and prints one {@code RESULT} line per backend on standard output. Progress and logs go to standard error.
 * Exit status: 0 done, 1 a run failed, 2 bad arguments.
 */
public final class BenchmarkMain {
    /** Every workload, by {@link Workload#name()}; add new ones here and to the usage in benchmarks/run. */
    static final List<Workload> WORKLOADS = List.of(new LedgerWorkload(), new RecordImageWorkload(),
            GalleryWorkload.both(), GalleryWorkload.small(), GalleryWorkload.large(), new QueueWorkload(),
            new ThumbnailWorkload(), new PromptRecordWorkload(), new PromptSearchWorkload(), new BudgetWorkload(),
            new CacheWorkload(), new CopyWorkload(), new BackupWorkload(), new BlobsWorkload(), new MultiprocessWorkload());

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        Workload workload;
        List<String> backends;
        Settings settings;
        try {
            if (args.length == 0) {
                throw new IllegalArgumentException("no workload given");
            }
            workload = WORKLOADS.stream().filter(w -> w.name().equals(args[0])).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown workload: " + args[0]));
            backends = backends(workload, args);
            settings = Settings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        try {
            for (String name : backends) {
                System.err.println(name + ": load average before " + loadAverage());
                try (Backend backend = Backend.NAMES.contains(name) ? Backend.open(name) : null) {
                    List<Result> results = workload.run(backend, settings);
                    System.err.println(name + ": load average after " + loadAverage());
                    for (Result result : results) {
                        System.out.println(result.line());
                    }
                    System.out.flush();
                }
            }
            return 0;
        } catch (Exception | Error e) {
            System.err.println("benchmarks: " + workload.name() + " failed");
            e.printStackTrace();
            return 1;
        }
    }

    /**
     * The 1, 5 and 15 minute load averages. The benchmark itself keeps about as many threads busy as it runs; much
     * more means something else shares the cores, and the figures are noisier than usual.
     */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static List<String> backends(Workload workload, String[] args) {
        if (args.length == 1) {
            return workload.backends();
        }
        String backend;
        if (args.length == 2 && args[1].startsWith("--backend=")) {
            backend = args[1].substring("--backend=".length());
        } else if (args.length == 3 && args[1].equals("--backend")) {
            backend = args[2];
        } else {
            throw new IllegalArgumentException("unexpected arguments after the workload");
        }
        if (!workload.backends().contains(backend)) {
            throw new IllegalArgumentException("unknown backend for " + workload.name() + ": " + backend
                    + "; expected one of " + workload.backends());
        }
        return List.of(backend);
    }

    static String usage() {
        return "usage: benchmarks/run WORKLOAD [--backend " + String.join("|", Backend.NAMES) + "|s3 (blobs)] [-Dname=value ...]\n"
                + "  workloads: " + String.join(", ", WORKLOADS.stream().map(Workload::name).toList()) + "\n"
                + "  without --backend, runs every backend in turn\n"
                + "  timing: -Dbench.warmup=SECONDS (5) -Dbench.rounds=N (5) -Dbench.round=SECONDS (3)";
    }
}
