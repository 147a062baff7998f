package dev.genstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The progress arithmetic and when it prints, on a fake clock. */
class ProgressTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final StringWriter text = new StringWriter();

    private Progress progress(boolean terminal) {
        return new Progress(new PrintWriter(text), terminal, true, nanos::get);
    }

    private void advance(long millis) {
        nanos.addAndGet(millis * 1_000_000);
    }

    @Test
    void aLineHasCountsPercentRateAndEta() {
        Progress progress = progress(true);
        progress.update("images", 0, 10_000);
        advance(5_000);
        assertEquals("images: 2,500/10,000 (25%), 500/s, ETA 15s", progress.line("images", 2_500, 10_000, nanos.get()));
        assertEquals("images: 10,000/10,000 (100%), 2,000/s", progress.line("images", 10_000, 10_000, nanos.get()));
        assertEquals("images: 7", progress.line("images", 7, 0, nanos.get() - 5_000_000_000L));
    }

    @Test
    void etaCountsFromWhenTheCurrentTableStarted() {
        Progress progress = progress(true);
        progress.update("users", 0, 10);
        advance(60_000);
        progress.update("images", 0, 1_000);
        advance(10_000);
        assertTrue(progress.line("images", 500, 1_000, nanos.get()).endsWith("50/s, ETA 10s"));
    }

    @Test
    void logsStayQuietForShortWorkThenPrintNowAndThen() {
        Progress progress = progress(false);
        for (int i = 1; i <= 10; i++) {
            advance(200);
            progress.update("jobs", i, 100);
        }
        assertEquals("", text.toString(), "short work printed progress");
        advance(Progress.QUIET_FOR_MS);
        progress.update("jobs", 20, 100);
        advance(1_000);
        progress.update("jobs", 30, 100);
        assertEquals(1, text.toString().lines().count(), text.toString());
        advance(Progress.LOG_EVERY_MS);
        progress.update("jobs", 90, 100);
        assertEquals(2, text.toString().lines().count(), text.toString());
        assertTrue(text.toString().lines().allMatch(l -> l.startsWith("jobs: ")), text.toString());
    }

    @Test
    void aTerminalLineIsRedrawnInPlaceAndEndedByFinish() {
        Progress progress = progress(true);
        progress.update("prompts", 1, 3);
        advance(Progress.TTY_EVERY_MS);
        progress.update("prompts", 2, 3);
        progress.update("prompts", 3, 3); // the last one always shows, however soon
        progress.finish();
        String out = text.toString();
        assertEquals(3, out.split("\r", -1).length - 1, out);
        assertTrue(out.endsWith("prompts: 3/3 (100%), 15/s" + System.lineSeparator()), out);
    }

    @Test
    void durationsReadLikeAPerson() {
        assertEquals("59s", Progress.format(Duration.ofSeconds(59)));
        assertEquals("2m 5s", Progress.format(Duration.ofSeconds(125)));
        assertEquals("3h 20m", Progress.format(Duration.ofMinutes(200)));
    }
}
