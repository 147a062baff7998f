package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the real executable jar ({@code java -jar genstore-cli-<version>.jar}) in a child process. */
final class CliProcess {
    private CliProcess() {
    }

    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {
        /** stdout as JSON (for runs with --json). */
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + out + "\nstderr: " + err, e);
            }
        }

        /** Asserts the exit code, showing both streams when it differs. */
        Result exits(int expected) {
            assertEquals(expected, exit, () -> "exit code; stdout:\n" + out + "\nstderr:\n" + err);
            return this;
        }

        /** Asserts stderr is exactly one line (the error) containing {@code text}. */
        Result failsWithOneLine(String text) {
            List<String> lines = err.lines().toList();
            assertEquals(1, lines.size(), () -> "stderr should be one line:\n" + err);
            assertTrue(lines.get(0).startsWith("error: "), err);
            assertTrue(lines.get(0).contains(text), () -> "stderr lacks '" + text + "':\n" + err);
            return this;
        }
    }

    static Result run(String... args) {
        return run(Map.of(), null, args);
    }

    /** Runs the jar with extra environment variables, in {@code dir} (the test JVM's directory when null). */
    static Result run(Map<String, String> env, Path dir, String... args) {
        String jar = System.getProperty("genstore.cli.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no cli jar at " + jar + ": run the tests with `mvn verify` (after package)");
        }
        List<String> command = new ArrayList<>(javaCommand(jar));
        command.add("-jar");
        command.add(jar);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("GENSTORE_DB");
        builder.environment().remove("GENSTORE_PASSWORD");
        builder.environment().putAll(env);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the cli did not finish: " + command);
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The JVM and the flags that make a short run start fast: C1 only, the serial collector, and a class-data archive of
     * the jar's classes written by a migration run before the first test run in this test JVM (a dozen runs each start in a third of the time). The
     * archive is an optimisation only: if it cannot be written, runs start without it.
     */
    private static synchronized List<String> javaCommand(String jar) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
        if (classArchive == null) {
            classArchive = writeClassArchive(java, jar);
        }
        if (Files.isRegularFile(classArchive)) {
            command.add("-XX:SharedArchiveFile=" + classArchive);
        }
        return command;
    }

    private static Path classArchive;

    private static Path writeClassArchive(String java, String jar) {
        try {
            Path dir = Files.createTempDirectory("genstore-cli-cds");
            Path archive = dir.resolve("cli.jsa");
            Process process = new ProcessBuilder(java, "-XX:ArchiveClassesAtExit=" + archive, "-jar", jar, "migrate", "--db", dir.resolve("warm-up.db").toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
            }
            return archive;
        } catch (IOException e) {
            return Path.of("no-class-archive");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Path.of("no-class-archive");
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
