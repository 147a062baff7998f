package dev.genstore.benchmarks;

import dev.genstore.benchmarks.backend.Backend;
import dev.genstore.benchmarks.workloads.LedgerWorkload;
import java.util.List;

/**
 * {@code BenchmarkMain WORKLOAD [--backend sqlite|postgres|memory]}: runs the workload on one backend, or on all three,
 * and prints one {@code RESULT} line per backend on standard output. Progress and logs go to standard error.
 * Exit status: 0 done, 1 a run failed, 2 bad arguments.
 */
public final class BenchmarkMain {
    /** Every workload, by {@link Workload#name()}; add new ones here and to the usage in benchmarks/run. */
    static final List<Workload> WORKLOADS = List.of(new LedgerWorkload());

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
            backends = backends(args);
            settings = Settings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            System.err.println(usage());
            return 2;
        }
        try {
            for (String name : backends) {
                try (Backend backend = Backend.open(name); Trial trial = workload.open(backend, settings)) {
                    Result result = new Harness(settings).run(workload.name(), name, trial);
                    System.out.println(result.line());
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

    private static List<String> backends(String[] args) {
        if (args.length == 1) {
            return Backend.NAMES;
        }
        String backend;
        if (args.length == 2 && args[1].startsWith("--backend=")) {
            backend = args[1].substring("--backend=".length());
        } else if (args.length == 3 && args[1].equals("--backend")) {
            backend = args[2];
        } else {
            throw new IllegalArgumentException("unexpected arguments after the workload");
        }
        if (!Backend.NAMES.contains(backend)) {
            throw new IllegalArgumentException("unknown backend: " + backend);
        }
        return List.of(backend);
    }

    static String usage() {
        return "usage: benchmarks/run WORKLOAD [--backend " + String.join("|", Backend.NAMES) + "] [-Dname=value ...]\n"
                + "  workloads: " + String.join(", ", WORKLOADS.stream().map(Workload::name).toList()) + "\n"
                + "  without --backend, runs every backend in turn\n"
                + "  timing: -Dbench.warmup=SECONDS (5) -Dbench.rounds=N (5) -Dbench.round=SECONDS (3)";
    }
}
