package dev.genstore.benchmarks.workloads;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent so far by this JVM (the client side: genstore or a peer, and its driver) and by the local PostgreSQL
 * server's processes (read from {@code /proc}, in the kernel's clock ticks of 10 ms), so that a drain can report the CPU
 * each side costs per job on both ends of the connection. The server's figure is -1 where {@code /proc} is missing.
 */
final class CpuClock {
    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ is 100 on every Linux this runs on
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CpuClock() {
    }

    /** This JVM's CPU time, in nanoseconds. */
    static long client() {
        return OS.getProcessCpuTime();
    }

    /** The CPU time of every live {@code postgres} process, in nanoseconds; -1 without {@code /proc}. */
    static long server() {
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return -1;
        }
        long ticks = 0;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(proc, "[0-9]*")) {
            for (Path process : processes) {
                ticks += postgresTicks(process);
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * NANOS_PER_TICK;
    }

    /** utime + stime of a postgres process, 0 for any other (or one that ended meanwhile). */
    private static long postgresTicks(Path process) {
        try {
            if (!Files.readString(process.resolve("comm")).startsWith("postgres")) {
                return 0;
            }
            String stat = Files.readString(process.resolve("stat"));
            // Fields after the command name (which may hold spaces): state is field 3, utime 14 and stime 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Both clocks read at one moment. */
    record Reading(long client, long server) {
        static Reading now() {
            return new Reading(CpuClock.client(), CpuClock.server());
        }
    }

    /** CPU spent on both ends over timed runs, and the jobs they did. Not thread-safe: one timing thread adds. */
    static final class Total {
        private long client;
        /** -1 once any run could not read the server's clock. */
        private long server;
        private long jobs;

        /** Adds what was spent since {@code start}, for {@code jobs} jobs. */
        void add(Reading start, long jobs) {
            Reading end = Reading.now();
            client += end.client() - start.client();
            server = server < 0 || start.server() < 0 || end.server() < 0 ? -1 : server + end.server() - start.server();
            this.jobs += jobs;
        }

        /** This JVM's CPU per job, in microseconds ("-" before any job). */
        String clientPerJob() {
            return perJob(client);
        }

        /** The server's CPU per job, in microseconds ("-" when unknown). */
        String serverPerJob() {
            return perJob(server);
        }

        private String perJob(long nanos) {
            if (nanos < 0 || jobs <= 0) {
                return "-";
            }
            return String.format(java.util.Locale.ROOT, "%.0f", nanos / 1e3 / jobs);
        }
    }
}
