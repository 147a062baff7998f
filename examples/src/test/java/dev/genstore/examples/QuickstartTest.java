package dev.genstore.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart runs on a fresh machine's SQLite and prints sentences a person reads, the same on every run. */
class QuickstartTest {
    @TempDir
    Path dir;

    @Test
    void printsWhatAPersonWantsToReadAndTheSameOnARerun() throws Exception {
        Path file = dir.resolve("quickstart.db");
        String first = run(file);
        String second = run(file);

        assertTrue(first.contains("verify(): healthy"), first);
        assertTrue(first.contains("(1 use)"), "singular for one: " + first);
        assertFalse(first.contains(" 1 uses") || first.contains(" 1 images") || first.contains(" 1 thumbnails"), first);
        assertFalse(Pattern.compile("[A-Z][A-Za-z]+\\[[a-z]+=").matcher(first).find(), "no record dumps: " + first);
        assertFalse(Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-").matcher(first).find(), "no raw ids: " + first);
        assertEquals(withoutTimes(first).replace(file.toString(), "?"), withoutTimes(second).replace(file.toString(), "?"),
                "a rerun starts from an empty store and prints the same");
    }

    private static String run(Path file) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[] {file.toString()});
        } finally {
            System.setOut(original);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String withoutTimes(String text) {
        return text.replaceAll("\\d\\d:\\d\\d UTC", "HH:mm UTC").replaceAll("\\d+ KB", "n KB");
    }
}
