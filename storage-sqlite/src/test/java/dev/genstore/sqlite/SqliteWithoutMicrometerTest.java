package dev.genstore.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Micrometer is optional: without it on the class path a store works and says nothing about it. */
class SqliteWithoutMicrometerTest {
    @TempDir
    Path dir;

    @Test
    void aStoreRunsWithoutMicrometerAndNeverMentionsIt() throws Exception {
        String classPath = System.getProperty("java.class.path");
        String withoutMicrometer = Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.toLowerCase(Locale.ROOT).contains("micrometer"))
                .collect(Collectors.joining(File.pathSeparator));
        assertNotEquals(classPath, withoutMicrometer, "Micrometer was not on the test class path to begin with");

        Path out = dir.resolve("out.txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", withoutMicrometer, WithoutMicrometerMain.class.getName(), dir.resolve("store.db").toString())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("done"), output);
        assertTrue(output.contains("slow genstore operation ledger.debit"), "the slow log works without Micrometer: " + output);
        assertFalse(output.toLowerCase(Locale.ROOT).contains("micrometer"), output);
    }
}
