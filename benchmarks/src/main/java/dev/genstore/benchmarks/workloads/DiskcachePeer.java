package dev.genstore.benchmarks.workloads;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs {@code diskcache_hits.py} (a resource beside the benchmarks) with {@code python3}: python diskcache's default
 * {@code Cache} measured on this machine in the same run, as the cache workload's peer. By hand only: CI has no
 * python diskcache, and then this says so on stderr and measures nothing.
 */
final class DiskcachePeer {
    private static final int NOT_INSTALLED = 3;

    private DiskcachePeer() {
    }

    /** The script's line ({@code diskcache_hit_p50_us=… diskcache_hit_p99_us=…}), or empty when it cannot run. */
    static Optional<String> hitLatency(int entries, int bytes, int gets) throws IOException, InterruptedException {
        Path directory = Files.createTempDirectory("genstore-bench-diskcache-");
        try {
            Path script = directory.resolve("diskcache_hits.py");
            try (InputStream in = DiskcachePeer.class.getResourceAsStream("/dev/genstore/benchmarks/diskcache_hits.py")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Process process;
            try {
                process = new ProcessBuilder("python3", script.toString(), directory.resolve("cache").toString(),
                        String.valueOf(entries), String.valueOf(bytes), String.valueOf(gets))
                        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            } catch (IOException noPython) {
                System.err.println("cache: python3 is not on the path; diskcache not measured (diskcache_hit_p50_us left out)");
                return Optional.empty();
            }
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("diskcache_hits.py did not finish in 10 minutes");
            }
            if (process.exitValue() == NOT_INSTALLED) {
                System.err.println("cache: python3 has no diskcache module (pip install diskcache); diskcache not measured"
                        + " (diskcache_hit_p50_us left out)");
                return Optional.empty();
            }
            if (process.exitValue() != 0 || !output.startsWith("diskcache_hit_p50_us=")) {
                throw new IllegalStateException("diskcache_hits.py failed (exit " + process.exitValue() + "): " + output);
            }
            System.err.println("cache: python diskcache " + output);
            return Optional.of(output);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
